namespace RlaifV.Stages.Ports;

/// <summary>Log-probabilities of a response's tokens (response tokens only, end-of-turn included), in nats.</summary>
/// <param name="Sum">Σ log p over the response tokens.</param>
/// <param name="PerToken">log p of each response token, in order.</param>
public sealed record ResponseLogProbs(double Sum, IReadOnlyList<float> PerToken)
{
    /// <summary>Sum ÷ token count (0 for an empty response).</summary>
    public double Mean => PerToken.Count == 0 ? 0 : Sum / PerToken.Count;
}
