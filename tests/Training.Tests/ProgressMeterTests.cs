using Xunit;

namespace RlaifV.Training.Tests;

public sealed class ProgressMeterTests
{
    [Fact]
    public void Format_HalfDoneAfterTenSeconds_ShowsRateAndTimeLeft()
    {
        var meter = new ProgressMeter(null, "reference log-probs", 200, "pairs");
        Assert.Equal("reference log-probs: 100/200 pairs (50%), 10.00 pairs/s, 10s left", meter.Format(100, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Format_ResumedRun_RateCountsOnlyThisRunsWork()
    {
        var meter = new ProgressMeter(null, "training", 1000, "steps", start: 400);
        Assert.Equal("training: 500/1000 steps (50%), 1.00 steps/s, 8m20s left", meter.Format(500, TimeSpan.FromSeconds(100)));
    }

    [Fact]
    public void Report_Done_WritesFinalLine()
    {
        var output = new StringWriter();
        var meter = new ProgressMeter(output, "training", 2, "steps");
        meter.Report(1);
        meter.Report(2);
        Assert.Contains("training: 2/2 steps (100%)", output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, output.ToString(), StringComparison.Ordinal);
    }
}
