using RlaifV.Models;
using RlaifV.Schemas;
using RlaifV.Training;

namespace RlaifV.Orchestration;

/// <summary>
/// Measures a run where ground truth exists (the built-in world): each round's policy on a held-out set, and the
/// labeler's verdicts of each round against the truth. Evaluation only: nothing it knows flows into the pipeline. It is
/// also what <c>training.select: best</c> scores a round's candidate checkpoints with (<see cref="ICheckpointEvaluator"/>).
/// </summary>
public interface IRunEvaluator : ICheckpointEvaluator
{
    /// <summary>The policy that <paramref name="policy"/> loads, on the held-out set.</summary>
    Task<PolicyScores> MeasureAsync(BackendOptions policy, CancellationToken cancellationToken);

    /// <summary>Share of round <paramref name="round"/>'s judged claims whose verdict matches the truth; null when none can be judged.</summary>
    double? LabelerAgreement(int round, IEnumerable<ScoredCandidate> verdicts);
}
