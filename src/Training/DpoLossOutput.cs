using static TorchSharp.torch;

namespace RlaifV.Training;

/// <summary>
/// The DPO loss of a batch and its diagnostics. <see cref="Loss"/> carries gradients; the rewards are detached.
/// The caller disposes the tensors (or lets a dispose scope do it).
/// </summary>
/// <param name="Loss">0-d mean loss over the batch (with the SFT term when its weight is non-zero).</param>
/// <param name="ChosenRewards">[B] β·(log πθ(y_w) − log π_ref(y_w)), detached.</param>
/// <param name="RejectedRewards">[B] β·(log πθ(y_l) − log π_ref(y_l)), detached.</param>
public sealed record DpoLossOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards) : IDisposable
{
    /// <summary>Mean over the batch of chosen − rejected reward.</summary>
    public double Margin => ChosenRewards.sub(RejectedRewards).mean().item<float>();

    /// <summary>Share of the batch whose chosen reward exceeds its rejected reward (strictly).</summary>
    public double Accuracy => ChosenRewards.gt(RejectedRewards).to_type(ScalarType.Float32).mean().item<float>();

    /// <summary>Mean chosen reward.</summary>
    public double ChosenReward => ChosenRewards.mean().item<float>();

    /// <summary>Mean rejected reward.</summary>
    public double RejectedReward => RejectedRewards.mean().item<float>();

    /// <inheritdoc />
    public void Dispose()
    {
        Loss.Dispose();
        ChosenRewards.Dispose();
        RejectedRewards.Dispose();
    }
}
