using Xunit;
using static TorchSharp.torch;

namespace RlaifV.Training.Tests;

public sealed class DpoLossTests
{
    private static Tensor T(params float[] v) => tensor(v);

    [Fact]
    public void Compute_HandComputedValues_MatchLossAndRewards()
    {
        // policy ratio = -10 - (-14) = 4, reference ratio = -12 - (-13) = 1, logits = 0.1 * 3 = 0.3.
        using var output = DpoLoss.Compute(T(-10f), T(-14f), T(-12f), T(-13f), beta: 0.1);
        double expected = -Math.Log(1 / (1 + Math.Exp(-0.3)));
        Assert.Equal(expected, output.Loss.item<float>(), 5);
        Assert.Equal(0.1 * (-10 + 12), output.ChosenReward, 5);
        Assert.Equal(0.1 * (-14 + 13), output.RejectedReward, 5);
        Assert.Equal(0.3, output.Margin, 5);
        Assert.Equal(1.0, output.Accuracy);
    }

    [Fact]
    public void Compute_Beta_ScalesTheLogits()
    {
        using var output = DpoLoss.Compute(T(-10f), T(-14f), T(-12f), T(-13f), beta: 0.5);
        Assert.Equal(Math.Log(1 + Math.Exp(-1.5)), output.Loss.item<float>(), 5);
        Assert.Equal(1.5, output.Margin, 5);
    }

    [Fact]
    public void Compute_SftWeight_AddsWeightedChosenNll()
    {
        using var plain = DpoLoss.Compute(T(-10f, -3f), T(-14f, -2f), T(-12f, -3f), T(-13f, -2f), beta: 0.1);
        using var sft = DpoLoss.Compute(T(-10f, -3f), T(-14f, -2f), T(-12f, -3f), T(-13f, -2f), beta: 0.1, sftWeight: 0.5);
        // mean over the batch of 0.5 * -log pi(y_w) = 0.5 * (10 + 3) / 2.
        Assert.Equal(plain.Loss.item<float>() + 3.25, sft.Loss.item<float>(), 4);
    }

    [Fact]
    public void Compute_SwappedChosenAndRejected_FlipsMarginAndRaisesLoss()
    {
        using var right = DpoLoss.Compute(T(-10f), T(-14f), T(-12f), T(-13f));
        using var swapped = DpoLoss.Compute(T(-14f), T(-10f), T(-13f), T(-12f));
        Assert.Equal(-right.Margin, swapped.Margin, 5);
        Assert.Equal(0.0, swapped.Accuracy);
        Assert.True(swapped.Loss.item<float>() > right.Loss.item<float>());
        // -log σ(x) - (-log σ(-x)) = -x.
        Assert.Equal(-0.3, right.Loss.item<float>() - swapped.Loss.item<float>(), 5);
    }

    [Fact]
    public void Compute_EqualRatios_GivesLog2()
    {
        using var output = DpoLoss.Compute(T(-5f, -7f), T(-6f, -9f), T(-5f, -7f), T(-6f, -9f));
        Assert.Equal(Math.Log(2), output.Loss.item<float>(), 5);
        Assert.Equal(0.0, output.Accuracy);
    }

    [Fact]
    public void Compute_GradientWrtPolicyChosen_IsMinusBetaTimesSigmoidOfMinusLogits()
    {
        using var chosen = T(-10f).requires_grad_();
        using var output = DpoLoss.Compute(chosen, T(-14f), T(-12f), T(-13f), beta: 0.1);
        output.Loss.backward();
        double expected = -0.1 * (1 / (1 + Math.Exp(0.3)));
        Assert.Equal(expected, chosen.grad!.item<float>(), 5);
    }

    [Fact]
    public void Compute_MismatchedShapes_Throws() =>
        Assert.Throws<ArgumentException>(() => DpoLoss.Compute(T(1f, 2f), T(1f), T(1f), T(1f)));
}
