using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Control;

/// <summary>
/// Control-topic record: the checkpoint trained on round <see cref="Round"/>'s pairs is published; it is
/// the policy (and reference) of round <see cref="Round"/> + 1.
/// </summary>
public sealed record CheckpointPublished
{
    /// <summary>The round whose pairs trained the checkpoint.</summary>
    public required int Round { get; init; }

    /// <summary>Where the checkpoint lives (a path or URI).</summary>
    public required string Uri { get; init; }

    /// <summary>SHA-256 of the checkpoint (lower-case hex).</summary>
    public required string Sha256 { get; init; }

    /// <summary>When it was published.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Arrow layout.</summary>
    public static RecordLayout<CheckpointPublished> Layout { get; } = new(
        "checkpoint_published", 1,
        r => new CheckpointPublished
        {
            Round = r.Int32("round"),
            Uri = r.String("uri"),
            Sha256 = r.String("sha256"),
            At = r.Timestamp("at"),
        },
        Col.Int32<CheckpointPublished>("round", s => s.Round),
        Col.Utf8<CheckpointPublished>("uri", s => s.Uri),
        Col.Utf8<CheckpointPublished>("sha256", s => s.Sha256),
        Col.Timestamp<CheckpointPublished>("at", s => s.At));
}
