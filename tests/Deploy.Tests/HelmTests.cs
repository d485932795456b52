using Xunit.Abstractions;

namespace RlaifV.Deploy.Tests;

/// <summary>helm lint and helm template on the chart with values.yaml and every example, when helm is on PATH.</summary>
public class HelmTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task HelmLintAndTemplate_ValuesAndEveryExample_Succeed()
    {
        var helm = Repo.Tool("helm");
        Skip.If(helm is null, "helm is not on PATH: helm lint and helm template were skipped (the schema and template checks without helm ran)");
        var examples = Directory.GetFiles(Path.Combine(Repo.Chart, "examples"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        foreach (var values in examples.Prepend(null))
        {
            var extra = values is null ? Array.Empty<string>() : ["-f", values];
            var lint = await ChildProcess.RunAsync(helm, ["lint", "--strict", Repo.Chart, .. extra], Repo.Root, TimeSpan.FromMinutes(2));
            output.WriteLine(lint.Log);
            Assert.True(lint.Code == 0, $"helm lint {values}: {lint.Log}");
            var template = await ChildProcess.RunAsync(helm, ["template", "rlaifv", Repo.Chart, "--namespace", "ml", .. extra], Repo.Root, TimeSpan.FromMinutes(2));
            Assert.True(template.Code == 0, $"helm template {values}: {template.Log}");
            Assert.Contains("kind: Deployment", template.Log, StringComparison.Ordinal);
        }
        // generator.replicas above the partitions is refused with the reason.
        var tooMany = await ChildProcess.RunAsync(helm, ["template", "rlaifv", Repo.Chart, "--set", "generator.replicas=7"], Repo.Root, TimeSpan.FromMinutes(2));
        Assert.NotEqual(0, tooMany.Code);
        Assert.Contains("exceeds config.kafka.partitions", tooMany.Log, StringComparison.Ordinal);
    }
}
