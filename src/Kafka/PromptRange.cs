using RlaifV.Schemas.Control;

namespace RlaifV.Kafka;

/// <summary>A round's prompts on the prompts topic: from <paramref name="Start"/> (inclusive) to <paramref name="End"/> (exclusive), per partition.</summary>
public sealed record PromptRange(IReadOnlyList<PartitionOffset> Start, IReadOnlyList<PartitionOffset> End);
