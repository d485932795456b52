using Xunit;

namespace RlaifV.Training.Tests;

public sealed class SelfFeedbackRewardTests
{
    [Fact]
    public void Compute_HandComputed_AppliesBetaOnceAndDividesByTokenCount()
    {
        // Σ(policy - reference) = (−1+2) + (−2+2.5) + (−0.5+1) + (−3+3.5) = 2.5; T = 4; β = 0.1 → 0.0625.
        double r = SelfFeedbackReward.Compute([-1f, -2f, -0.5f, -3f], [-2f, -2.5f, -1f, -3.5f], beta: 0.1);
        Assert.Equal(0.0625, r, 9);
        Assert.NotEqual(0.00625, r, 9); // β twice (the reference code's unmerged version) would give this.
    }

    [Fact]
    public void Compute_LongerResponseSameGainPerToken_SameReward()
    {
        double shortOne = SelfFeedbackReward.Compute([-1f, -1f], [-1.5f, -1.5f], 0.1);
        double longOne = SelfFeedbackReward.Compute([-1f, -1f, -1f, -1f, -1f, -1f], [-1.5f, -1.5f, -1.5f, -1.5f, -1.5f, -1.5f], 0.1);
        Assert.Equal(shortOne, longOne, 9);
    }

    [Fact]
    public void Compute_DifferentTokenCounts_Throws() =>
        Assert.Throws<ArgumentException>(() => SelfFeedbackReward.Compute([-1f], [-1f, -2f], 0.1));

    [Fact]
    public void Select_Rewards_PicksHighestFirstOnTiesSkipsNaN()
    {
        Assert.Equal(2, BestOfN.Select([0.1, -3, 0.5, 0.2]));
        Assert.Equal(1, BestOfN.Select([double.NaN, 0.4, 0.4]));
    }
}
