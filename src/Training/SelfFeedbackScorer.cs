using RlaifV.Stages.Ports;

namespace RlaifV.Training;

/// <summary>
/// Scores candidate responses with the self-feedback reward of an aligned model and its reference
/// (<see cref="SelfFeedbackReward"/>), through the stages' <see cref="ILogProbScorer"/> interface, so it serves
/// <c>rlaifv bon</c> and can serve as a scoring mode in the pipeline with any scorer backend.
/// </summary>
public sealed class SelfFeedbackScorer
{
    private readonly ILogProbScorer _aligned;
    private readonly ILogProbScorer _reference;

    /// <summary>Creates the scorer.</summary>
    /// <param name="aligned">The DPO-trained model θ.</param>
    /// <param name="reference">Its reference π_ref (the model it was trained from).</param>
    /// <param name="beta">β of that training.</param>
    public SelfFeedbackScorer(ILogProbScorer aligned, ILogProbScorer reference, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        _aligned = aligned;
        _reference = reference;
        Beta = beta;
    }

    /// <summary>β applied once.</summary>
    public double Beta { get; }

    /// <summary>The reward of each request, in request order.</summary>
    public async Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<LogProbRequest> candidates, CancellationToken cancellationToken)
    {
        var policy = await _aligned.ScoreAsync(candidates, cancellationToken);
        var reference = await _reference.ScoreAsync(candidates, cancellationToken);
        return policy.Select((p, i) => SelfFeedbackReward.Compute(p.PerToken, reference[i].PerToken, Beta)).ToList();
    }

    /// <summary>Scores the candidates and returns the index of the best with every reward.</summary>
    public async Task<(int Best, IReadOnlyList<double> Rewards)> SelectAsync(IReadOnlyList<LogProbRequest> candidates, CancellationToken cancellationToken)
    {
        var rewards = await ScoreAsync(candidates, cancellationToken);
        return (BestOfN.Select(rewards), rewards);
    }
}
