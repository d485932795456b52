using RlaifV.Training;

namespace RlaifV.Orchestration;

/// <summary>
/// Trains one round for <c>rlaifv run</c>: round r's pairs (from <see cref="RoundTrainingRequest.Pairs"/>) and round r's
/// policy in, round r + 1's checkpoint out, published through <see cref="RoundTrainingRequest.Publisher"/>. The real
/// one is DPO (<see cref="DpoRoundTrainer"/>); tests plug in a double.
/// </summary>
public interface IRoundTrainer
{
    /// <summary>Trains the round; resumes an interrupted one; a finished one is only republished.</summary>
    Task<RoundTrainingResult> TrainAsync(RoundTrainingRequest request, CancellationToken cancellationToken);
}
