using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Control;

/// <summary>
/// Control-topic record: round <see cref="Round"/> has started generating with the given policy
/// checkpoint over the given prompt range.
/// </summary>
public sealed record RoundStarted
{
    /// <summary>The round (iteration), 0-based.</summary>
    public required int Round { get; init; }

    /// <summary>Where the round's policy checkpoint lives (a path or URI).</summary>
    public required string PolicyUri { get; init; }

    /// <summary>SHA-256 of the checkpoint (lower-case hex), so a generator can verify what it loaded.</summary>
    public required string PolicySha256 { get; init; }

    /// <summary>The topic the round's prompts are read from.</summary>
    public required string PromptTopic { get; init; }

    /// <summary>First prompt offset per partition (inclusive); empty means from the beginning.</summary>
    public required IReadOnlyList<PartitionOffset> PromptStartOffsets { get; init; }

    /// <summary>End prompt offset per partition (exclusive); empty means open-ended (continuous).</summary>
    public required IReadOnlyList<PartitionOffset> PromptEndOffsets { get; init; }

    /// <summary>When the round started.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Arrow layout.</summary>
    public static RecordLayout<RoundStarted> Layout { get; } = new(
        "round_started", 1,
        r => new RoundStarted
        {
            Round = r.Int32("round"),
            PolicyUri = r.String("policy_uri"),
            PolicySha256 = r.String("policy_sha256"),
            PromptTopic = r.String("prompt_topic"),
            PromptStartOffsets = r.StructList("prompt_start_offsets", PartitionOffset.Layout),
            PromptEndOffsets = r.StructList("prompt_end_offsets", PartitionOffset.Layout),
            At = r.Timestamp("at"),
        },
        Col.Int32<RoundStarted>("round", s => s.Round),
        Col.Utf8<RoundStarted>("policy_uri", s => s.PolicyUri),
        Col.Utf8<RoundStarted>("policy_sha256", s => s.PolicySha256),
        Col.Utf8<RoundStarted>("prompt_topic", s => s.PromptTopic),
        Col.StructList<RoundStarted, PartitionOffset>("prompt_start_offsets", s => s.PromptStartOffsets, PartitionOffset.Layout),
        Col.StructList<RoundStarted, PartitionOffset>("prompt_end_offsets", s => s.PromptEndOffsets, PartitionOffset.Layout),
        Col.Timestamp<RoundStarted>("at", s => s.At));
}
