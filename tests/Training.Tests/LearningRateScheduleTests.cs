using Xunit;

namespace RlaifV.Training.Tests;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void At_WarmupThenCosine_MatchesHuggingFaceShape()
    {
        int total = 100, warmup = LearningRateSchedule.WarmupSteps(total, 0.05);
        Assert.Equal(5, warmup);
        Assert.Equal(0, LearningRateSchedule.At(0, total, warmup, 1.0), 12);
        Assert.Equal(0.4, LearningRateSchedule.At(2, total, warmup, 1.0), 12);
        Assert.Equal(1.0, LearningRateSchedule.At(5, total, warmup, 1.0), 12);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 47 / 95.0)), LearningRateSchedule.At(52, total, warmup, 1.0), 12);
        Assert.True(LearningRateSchedule.At(99, total, warmup, 1.0) < 0.001);
    }

    [Fact]
    public void WarmupSteps_SmallRun_RoundsUp() => Assert.Equal(1, LearningRateSchedule.WarmupSteps(8, 0.05));
}
