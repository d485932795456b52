using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Control;

/// <summary>
/// Control-topic record: the checkpoint trained on round <see cref="Round"/>'s pairs is published; it is
/// the policy (and reference) of round <see cref="Round"/> + 1. Version 2 adds how the checkpoint was chosen among those
/// the round saved (<see cref="Selection"/>, <see cref="SelectedStep"/>, <see cref="Candidates"/>, <see cref="Evaluator"/>);
/// a version 1 record reads back with those empty, and a version 1 reader ignores the added columns.
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

    /// <summary>How the checkpoint was chosen: <c>last</c> or <c>best</c> (<c>training.select</c>); null in version 1 records.</summary>
    public string? Selection { get; init; }

    /// <summary>The chosen checkpoint's optimizer step; null in version 1 records.</summary>
    public int? SelectedStep { get; init; }

    /// <summary>What scored the candidates (null when none was scored).</summary>
    public string? Evaluator { get; init; }

    /// <summary>Every checkpoint the round saved, with its score when one was given (empty in version 1 records).</summary>
    public IReadOnlyList<CheckpointCandidate> Candidates { get; init; } = [];

    /// <summary>Arrow layout.</summary>
    public static RecordLayout<CheckpointPublished> Layout { get; } = new(
        "checkpoint_published", 2,
        r => new CheckpointPublished
        {
            Round = r.Int32("round"),
            Uri = r.String("uri"),
            Sha256 = r.String("sha256"),
            At = r.Timestamp("at"),
            Selection = r.Has("selection") ? r.NullableString("selection") : null,
            SelectedStep = r.Has("selected_step") ? r.NullableInt32("selected_step") : null,
            Evaluator = r.Has("evaluator") ? r.NullableString("evaluator") : null,
            Candidates = r.Has("candidates") ? r.StructList("candidates", CheckpointCandidate.Layout) : [],
        },
        Col.Int32<CheckpointPublished>("round", s => s.Round),
        Col.Utf8<CheckpointPublished>("uri", s => s.Uri),
        Col.Utf8<CheckpointPublished>("sha256", s => s.Sha256),
        Col.Timestamp<CheckpointPublished>("at", s => s.At),
        Col.Utf8<CheckpointPublished>("selection", s => s.Selection, nullable: true),
        Col.Int32<CheckpointPublished>("selected_step", s => s.SelectedStep, nullable: true),
        Col.Utf8<CheckpointPublished>("evaluator", s => s.Evaluator, nullable: true),
        Col.StructList<CheckpointPublished, CheckpointCandidate>("candidates", s => s.Candidates, CheckpointCandidate.Layout));
}
