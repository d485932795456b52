using Xunit.Abstractions;

namespace RlaifV.Deploy.Tests;

/// <summary>The alert rules file through promtool: valid rules, and each alert fires on its unit-test series.</summary>
public class RulesTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task PromtoolCheckRules_RulesFile_Passes()
    {
        var promtool = Repo.Tool("promtool");
        Skip.If(promtool is null, "promtool is not installed (Debian's prometheus package; .ci/run installs it): the rules were not checked");
        var (code, log) = await ChildProcess.RunAsync(promtool, ["check", "rules", Repo.Rules], Repo.Root, TimeSpan.FromMinutes(2));
        output.WriteLine(log);
        Assert.True(code == 0, log);
        Assert.Contains("SUCCESS: 5 rules found", log, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PromtoolTestRules_AlertUnitTests_EachAlertFiresOnItsSeriesOnly()
    {
        var promtool = Repo.Tool("promtool");
        Skip.If(promtool is null, "promtool is not installed (Debian's prometheus package; .ci/run installs it): the alert unit tests were not run");
        var dir = Path.GetDirectoryName(Repo.Rules)!;
        var (code, log) = await ChildProcess.RunAsync(promtool, ["test", "rules", "rlaifv-rules.test.yaml"], dir, TimeSpan.FromMinutes(2));
        output.WriteLine(log);
        Assert.True(code == 0, log);
        Assert.Contains("SUCCESS", log, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesFile_NamesEveryAlertTheIssueAsksFor()
    {
        var rules = File.ReadAllText(Repo.Rules);
        foreach (var alert in new[] { "RlaifvConsumerLagGrowing", "RlaifvDeadLetterRateHigh", "RlaifvNoProgress", "RlaifvTrainingLossNotFinite" })
            Assert.Contains("alert: " + alert, rules, StringComparison.Ordinal);
        var tests = File.ReadAllText(Path.Combine(Path.GetDirectoryName(Repo.Rules)!, "rlaifv-rules.test.yaml"));
        foreach (var alert in new[] { "RlaifvConsumerLagGrowing", "RlaifvDeadLetterRateHigh", "RlaifvNoProgress", "RlaifvStalledWithWork", "RlaifvTrainingLossNotFinite" })
            Assert.Contains("alertname: " + alert, tests, StringComparison.Ordinal);
    }
}
