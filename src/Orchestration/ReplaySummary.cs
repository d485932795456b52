namespace RlaifV.Orchestration;

/// <summary>What a replay did.</summary>
/// <param name="InputTopic">The topic replayed.</param>
/// <param name="VerdictsTopic">The new verdicts topic, or null when replaying from verdicts.</param>
/// <param name="PairsTopic">The new pairs topic.</param>
/// <param name="Prompts">Prompts replayed.</param>
/// <param name="Candidates">Distinct candidates read.</param>
/// <param name="Pairs">Pairs produced.</param>
/// <param name="MissingPrompts">Prompts whose prompt record was not found (dead-lettered).</param>
/// <param name="Files">Parquet files written.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record ReplaySummary(
    string InputTopic, string? VerdictsTopic, string PairsTopic, long Prompts, long Candidates, long Pairs, long MissingPrompts,
    IReadOnlyList<string> Files, double Seconds);
