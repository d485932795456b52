namespace RlaifV.Stages.Flow;

/// <summary>
/// Where a prompt came from (file and line, or topic, partition and offset). It travels with the prompt
/// through the graph and is handed back when the prompt is done, so a source can acknowledge it (for
/// Kafka: mark the offset done) only once every output of the prompt has been written.
/// </summary>
/// <param name="Origin">Human-readable origin, for example <c>prompts.jsonl:17</c>.</param>
/// <param name="Position">Monotonic position within the source (line number, row, offset).</param>
/// <param name="State">Source-specific state (for example a topic partition), or null.</param>
public sealed record PromptTicket(string Origin, long Position, object? State = null);
