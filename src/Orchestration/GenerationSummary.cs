namespace RlaifV.Orchestration;

/// <summary>What a generation run did.</summary>
/// <param name="Prompts">Prompts read from the source.</param>
/// <param name="Processed">Prompts whose results were written.</param>
/// <param name="Rejected">Prompts dead-lettered at ingest.</param>
/// <param name="Pairs">Pairs written.</param>
/// <param name="DeadLetters">Dead letters written (any stage).</param>
/// <param name="Files">Parquet files written.</param>
/// <param name="MaxInFlight">The most prompts in flight at once.</param>
/// <param name="Capacity">The graph's total bounded capacity (the in-flight bound).</param>
/// <param name="Seconds">Wall time.</param>
public sealed record GenerationSummary(long Prompts, long Processed, long Rejected, long Pairs, long DeadLetters, IReadOnlyList<string> Files, long MaxInFlight, int Capacity, double Seconds);
