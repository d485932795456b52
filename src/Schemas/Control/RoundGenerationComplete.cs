using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Control;

/// <summary>
/// Control-topic record: every pair of round <see cref="Round"/> has been produced. A reader of the round
/// reads <see cref="PairsTopic"/> from the beginning up to <see cref="EndOffsets"/> and stops.
/// </summary>
public sealed record RoundGenerationComplete
{
    /// <summary>The round.</summary>
    public required int Round { get; init; }

    /// <summary>The topic holding the round's pairs.</summary>
    public required string PairsTopic { get; init; }

    /// <summary>Number of distinct pairs produced (duplicates from retries not counted).</summary>
    public required long PairCount { get; init; }

    /// <summary>End offset (exclusive) of every partition of <see cref="PairsTopic"/>.</summary>
    public required IReadOnlyList<PartitionOffset> EndOffsets { get; init; }

    /// <summary>When generation completed.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Arrow layout.</summary>
    public static RecordLayout<RoundGenerationComplete> Layout { get; } = new(
        "round_generation_complete", 1,
        r => new RoundGenerationComplete
        {
            Round = r.Int32("round"),
            PairsTopic = r.String("pairs_topic"),
            PairCount = r.Int64("pair_count"),
            EndOffsets = r.StructList("end_offsets", PartitionOffset.Layout),
            At = r.Timestamp("at"),
        },
        Col.Int32<RoundGenerationComplete>("round", s => s.Round),
        Col.Utf8<RoundGenerationComplete>("pairs_topic", s => s.PairsTopic),
        Col.Int64<RoundGenerationComplete>("pair_count", s => s.PairCount),
        Col.StructList<RoundGenerationComplete, PartitionOffset>("end_offsets", s => s.EndOffsets, PartitionOffset.Layout),
        Col.Timestamp<RoundGenerationComplete>("at", s => s.At));
}
