namespace RlaifV.Evaluation;

/// <summary>A RefoMB-style comparison's figures: policy A's win rates against policy B.</summary>
/// <param name="Items">Items judged.</param>
/// <param name="Trustworthiness">A's trustworthiness win rate.</param>
/// <param name="Helpfulness">A's helpfulness win rate.</param>
/// <param name="Unparsed">Items whose verdict named no winner on a dimension (left out of that dimension).</param>
public sealed record RefombMetrics(int Items, WinRate Trustworthiness, WinRate Helpfulness, IReadOnlyList<string> Unparsed);
