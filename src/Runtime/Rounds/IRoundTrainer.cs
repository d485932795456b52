using RlaifV.Runtime.Config;
using RlaifV.Training;

namespace RlaifV.Runtime.Rounds;

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

/// <summary>What a round's training needs.</summary>
/// <param name="Options">The run's options, with <c>run.round</c> and <c>models.policy.path</c> set to the round's.</param>
/// <param name="Pairs">Where the round's pairs are read from.</param>
/// <param name="Publisher">Where the new checkpoint is announced.</param>
/// <param name="ReferenceCacheDirectory">Where the reference log-probs of the round are cached.</param>
/// <param name="Progress">Progress lines (rate and time left) go here.</param>
public sealed record RoundTrainingRequest(PipelineOptions Options, IRoundPairSource Pairs, ICheckpointPublisher Publisher, string ReferenceCacheDirectory, TextWriter Progress)
{
    /// <summary>The round trained.</summary>
    public int Round => Options.Run.Round;

    /// <summary>The round's starting policy (and DPO reference).</summary>
    public string PolicyPath => Options.Models.Policy.Path;
}
