using System.Text.Json;
using RlaifV.Runtime.Cli;
using RlaifV.TestKit;
using Xunit.Abstractions;

namespace RlaifV.Runtime.Tests.Cli;

/// <summary>
/// The main job on the built-in world, cut to one tiny round (a few seconds) with real DPO: its per-step training
/// records are Debug, shown with --verbose only.
/// </summary>
[Collection(WorldRuns.Name)]
public sealed class WorldRunOutputTests(ITestOutputHelper output)
{
    private static readonly string[] Tiny = ["--rounds", "1", "--prompts-per-round", "12", "--held-out", "2"];

    [Fact]
    public async Task Run_Default_ShowsNoPerStepTrainingLines()
    {
        using var dir = new TempDir();
        var stderr = new StringWriter();

        int code = await CommandLine.RunAsync(["run", "--config", Config(dir), .. Tiny], new StringWriter(), stderr);
        output.WriteLine(stderr.ToString());

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("round 0: trained on", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("step 1/", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("debug", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\r', stderr.ToString());
    }

    [Fact]
    public async Task Run_VerboseJson_ShowsEveryTrainingStepAsADebugRecord()
    {
        using var dir = new TempDir();
        var stderr = new StringWriter();

        int code = await CommandLine.RunAsync(["run", "--config", Config(dir), .. Tiny, "--verbose", "--log-format", "json"], new StringWriter(), stderr);
        output.WriteLine(stderr.ToString());

        Assert.Equal(ExitCodes.Ok, code);
        var records = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var steps = records.Where(r => r.GetProperty("Category").GetString() == "RlaifV.Training.DpoTrainer"
            && r.GetProperty("Message").GetString()!.StartsWith("step ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.Equal("Debug", s.GetProperty("LogLevel").GetString()));
        Assert.All(steps, s => Assert.True(s.GetProperty("State").GetProperty("Loss").ValueKind == JsonValueKind.Number));
    }

    /// <summary>The committed pipeline.yaml with the shipped weights, its output under <paramref name="dir"/> and no metrics port.</summary>
    private static string Config(TempDir dir)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RlaifV.sln"))) root = Path.GetDirectoryName(root)!;
        var yaml = File.ReadAllText(Path.Combine(root, "pipeline.yaml"))
            .Replace("src/World/Weights", Path.Combine(root, "src", "World", "Weights"), StringComparison.Ordinal)
            .Replace("metrics:\n  enabled: true", "metrics:\n  enabled: false", StringComparison.Ordinal);
        File.WriteAllText(dir.File("pipeline.yaml"), yaml);
        return dir.File("pipeline.yaml");
    }
}
