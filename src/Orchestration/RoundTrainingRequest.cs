using RlaifV.Models;
using RlaifV.Training;

namespace RlaifV.Orchestration;

/// <summary>What a round's training needs.</summary>
/// <param name="Round">The round trained (its pairs); the checkpoint made is round + 1's policy.</param>
/// <param name="Policy">How to load the round's starting policy (and DPO reference).</param>
/// <param name="Training">The <c>training</c> settings.</param>
/// <param name="OutputDirectory">Where the round's training dead letters go (<c>output.dir</c>).</param>
/// <param name="Pairs">Where the round's pairs are read from.</param>
/// <param name="Publisher">Where the new checkpoint is announced.</param>
/// <param name="ReferenceCacheDirectory">Where the reference log-probs of the round are cached; null: beside the pairs (a Parquet round's folder).</param>
/// <param name="Progress">Progress lines (rate and time left) go here.</param>
/// <param name="Selector">Scores the round's candidate checkpoints for <c>training.select: best</c>; null when there is none.</param>
public sealed record RoundTrainingRequest(
    int Round, BackendOptions Policy, TrainingOptions Training, string OutputDirectory, IRoundPairSource Pairs, ICheckpointPublisher Publisher,
    string? ReferenceCacheDirectory, TextWriter Progress, ICheckpointEvaluator? Selector = null)
{
    /// <summary>The round's starting policy's checkpoint folder.</summary>
    public string PolicyPath => Policy.Path;
}
