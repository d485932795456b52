using RlaifV.Models;
using RlaifV.Schemas;

namespace RlaifV.Orchestration;

/// <summary>
/// Measures a run where ground truth exists (the built-in world): each round's policy on a held-out set, and the
/// labeler's verdicts of each round against the truth. Evaluation only: nothing it knows flows into the pipeline.
/// </summary>
public interface IRunEvaluator
{
    /// <summary>What is measured (for the report).</summary>
    string Describe();

    /// <summary>The policy that <paramref name="policy"/> loads, on the held-out set.</summary>
    Task<PolicyScores> MeasureAsync(BackendOptions policy, CancellationToken cancellationToken);

    /// <summary>Share of round <paramref name="round"/>'s judged claims whose verdict matches the truth; null when none can be judged.</summary>
    double? LabelerAgreement(int round, IEnumerable<ScoredCandidate> verdicts);
}
