namespace RlaifV.Training;

/// <summary>
/// The self-feedback reward of method "Inference-time scaling": r(x, y) = (β / T) · Σ_t [log πθ(y_t | x, y_&lt;t) −
/// log π_ref(y_t | x, y_&lt;t)], T = response token count. β is applied once (the reference code's unmerged
/// version applies it twice); dividing by T keeps the plain sum from favouring short answers.
/// </summary>
public static class SelfFeedbackReward
{
    /// <summary>The reward of one response from per-token log-probs (nats) of the aligned and the reference model.</summary>
    /// <param name="policyPerToken">log πθ of each response token (end-of-turn included).</param>
    /// <param name="referencePerToken">log π_ref of the same tokens.</param>
    /// <param name="beta">β of the DPO training that produced πθ.</param>
    public static double Compute(IReadOnlyList<float> policyPerToken, IReadOnlyList<float> referencePerToken, double beta)
    {
        if (policyPerToken.Count != referencePerToken.Count)
        {
            throw new ArgumentException($"Token counts differ: policy {policyPerToken.Count}, reference {referencePerToken.Count}; both must score the same tokens.");
        }

        if (policyPerToken.Count == 0)
        {
            throw new ArgumentException("An empty response has no reward (T = 0).", nameof(policyPerToken));
        }

        double sum = 0;
        for (int t = 0; t < policyPerToken.Count; t++)
        {
            sum += (double)policyPerToken[t] - referencePerToken[t];
        }

        return beta * sum / policyPerToken.Count;
    }
}
