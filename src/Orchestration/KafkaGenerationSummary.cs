using RlaifV.Kafka;
using RlaifV.Schemas.Control;

namespace RlaifV.Orchestration;

/// <summary>What one Kafka generator run did.</summary>
/// <param name="Read">Prompt messages read.</param>
/// <param name="Processed">Prompts whose outputs were produced.</param>
/// <param name="Rejected">Prompts dead-lettered at ingest.</param>
/// <param name="Redelivered">Messages for prompts this run already had (acknowledged without rework).</param>
/// <param name="Pairs">Pairs produced by this run.</param>
/// <param name="DeadLetters">Dead letters produced by this run.</param>
/// <param name="CaughtUp">True when a bounded run reached the end offsets seen at its start.</param>
/// <param name="Policy">The round's policy as recorded on the control topic.</param>
/// <param name="Complete">The round-complete record published, when the run caught up.</param>
/// <param name="Files">Parquet files exported at completion.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record KafkaGenerationSummary(
    long Read, long Processed, long Rejected, long Redelivered, long Pairs, long DeadLetters, bool CaughtUp,
    PolicyIdentity Policy, RoundGenerationComplete? Complete, IReadOnlyList<string> Files, double Seconds);
