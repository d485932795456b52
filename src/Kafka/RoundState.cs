using RlaifV.Schemas.Control;

namespace RlaifV.Kafka;

/// <summary>The latest known state of one round, folded from the control topic.</summary>
/// <param name="Round">The round.</param>
/// <param name="Started">The latest <see cref="RoundStarted"/> of the round, or null.</param>
/// <param name="GenerationComplete">The latest <see cref="RoundGenerationComplete"/>, or null.</param>
/// <param name="CheckpointPublished">The latest <see cref="Schemas.Control.CheckpointPublished"/> trained on this round, or null.</param>
public sealed record RoundState(
    int Round,
    RoundStarted? Started,
    RoundGenerationComplete? GenerationComplete,
    CheckpointPublished? CheckpointPublished)
{
    /// <summary>True once the round's pairs are all produced (a bounded read of them is possible).</summary>
    public bool IsGenerationComplete => GenerationComplete is not null;
}
