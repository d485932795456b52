namespace RlaifV.Stages.Ports;

/// <summary>Scores given responses under a model (reference log-probs, DPO, best-of-N rewards).</summary>
public interface ILogProbScorer
{
    /// <summary>Id of the model.</summary>
    string ModelId { get; }

    /// <summary>Log-probs of each response, in request order.</summary>
    Task<IReadOnlyList<ResponseLogProbs>> ScoreAsync(IReadOnlyList<LogProbRequest> batch, CancellationToken cancellationToken);
}
