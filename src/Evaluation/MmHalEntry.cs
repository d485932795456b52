namespace RlaifV.Evaluation;

/// <summary>What the MMHal-Bench judge is told about one item.</summary>
/// <param name="ImageContent">The annotated facts about the image.</param>
/// <param name="Question">The question.</param>
/// <param name="Reference">The reference answer.</param>
public sealed record MmHalEntry(IReadOnlyList<string> ImageContent, string Question, string Reference);
