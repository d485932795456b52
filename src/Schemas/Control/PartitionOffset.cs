using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Control;

/// <summary>
/// An offset of one partition of a topic, in Kafka's "next to read" sense: an end offset of N means the
/// partition's records 0 .. N−1 belong to the range.
/// </summary>
public sealed record PartitionOffset
{
    /// <summary>The partition number.</summary>
    public required int Partition { get; init; }

    /// <summary>The offset.</summary>
    public required long Offset { get; init; }

    /// <summary>Arrow layout (nested as a struct inside the control records).</summary>
    public static RecordLayout<PartitionOffset> Layout { get; } = new(
        "partition_offset", 1,
        r => new PartitionOffset { Partition = r.Int32("partition"), Offset = r.Int64("offset") },
        Col.Int32<PartitionOffset>("partition", p => p.Partition),
        Col.Int64<PartitionOffset>("offset", p => p.Offset));
}
