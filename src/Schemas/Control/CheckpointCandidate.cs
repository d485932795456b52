using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Control;

/// <summary>One checkpoint saved during a round's training and the score checkpoint selection gave it (higher is better).</summary>
public sealed record CheckpointCandidate
{
    /// <summary>Optimizer steps behind the checkpoint.</summary>
    public required int Step { get; init; }

    /// <summary>The evaluator's score (higher is better); null when the candidate was not scored (selection <c>last</c>).</summary>
    public double? Score { get; init; }

    /// <summary>SHA-256 of the candidate's weights (lower-case hex).</summary>
    public required string Sha256 { get; init; }

    /// <summary>Arrow layout (nested in <see cref="CheckpointPublished"/>).</summary>
    public static RecordLayout<CheckpointCandidate> Layout { get; } = new(
        "checkpoint_candidate", 1,
        r => new CheckpointCandidate { Step = r.Int32("step"), Score = r.NullableFloat64("score"), Sha256 = r.String("sha256") },
        Col.Int32<CheckpointCandidate>("step", c => c.Step),
        Col.Float64<CheckpointCandidate>("score", c => c.Score, nullable: true),
        Col.Utf8<CheckpointCandidate>("sha256", c => c.Sha256));
}
