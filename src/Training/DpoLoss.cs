using TorchSharp;
using static TorchSharp.torch;

namespace RlaifV.Training;

/// <summary>
/// The DPO loss of method step 9 as a pure function of summed response log-probs:
/// loss = −log σ(β·[(log πθ(y_w) − log πθ(y_l)) − (log π_ref(y_w) − log π_ref(y_l))]) + w·(−log πθ(y_w)),
/// averaged over the batch. Log-probs are summed over the response tokens (end-of-turn included), in nats.
/// </summary>
public static class DpoLoss
{
    /// <summary>The reference recipe's β.</summary>
    public const double DefaultBeta = 0.1;

    /// <summary>Computes the loss and rewards.</summary>
    /// <param name="policyChosen">[B] log πθ(y_w), float32, with gradients when training.</param>
    /// <param name="policyRejected">[B] log πθ(y_l).</param>
    /// <param name="referenceChosen">[B] log π_ref(y_w) (constants).</param>
    /// <param name="referenceRejected">[B] log π_ref(y_l) (constants).</param>
    /// <param name="beta">β &gt; 0: the strength of the KL constraint to the reference.</param>
    /// <param name="sftWeight">w ≥ 0 of the optional SFT term −log πθ(y_w) (0 leaves it out).</param>
    /// <returns>0-d mean loss and [B] detached chosen / rejected rewards.</returns>
    public static DpoLossOutput Compute(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected, double beta = DefaultBeta, double sftWeight = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        ArgumentOutOfRangeException.ThrowIfNegative(sftWeight);
        if (policyChosen.shape.Length != 1 || !new[] { policyRejected, referenceChosen, referenceRejected }.All(t => t.shape.SequenceEqual(policyChosen.shape)))
        {
            throw new ArgumentException("DPO inputs must be four [B] tensors of one shape.");
        }

        using var scope = NewDisposeScope();
        using var betaScalar = beta.ToScalar();
        var policyLogRatio = policyChosen.sub(policyRejected);
        var referenceLogRatio = referenceChosen.sub(referenceRejected);
        var logits = policyLogRatio.sub(referenceLogRatio).mul(betaScalar);
        var loss = nn.functional.logsigmoid(logits).neg();
        if (sftWeight > 0)
        {
            using var weight = sftWeight.ToScalar();
            loss = loss.sub(policyChosen.mul(weight));
        }

        var chosenRewards = policyChosen.detach().sub(referenceChosen).mul(betaScalar);
        var rejectedRewards = policyRejected.detach().sub(referenceRejected).mul(betaScalar);
        return new DpoLossOutput(loss.mean().MoveToOuterDisposeScope(), chosenRewards.MoveToOuterDisposeScope(), rejectedRewards.MoveToOuterDisposeScope());
    }
}
