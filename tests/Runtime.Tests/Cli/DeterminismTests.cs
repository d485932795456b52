using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet.Serialization;
using RlaifV.Schemas.Datasets;
using RlaifV.TestKit;
using RlaifV.Training.Tests;
using Xunit.Abstractions;

namespace RlaifV.Runtime.Tests;

/// <summary>The same result every time, across processes: a resumed DPO run and two runs of the main job.</summary>
public sealed class DeterminismTests(ITestOutputHelper output, TinyTrainingFixture fixture) : IClassFixture<TinyTrainingFixture>
{
    [Fact]
    public async Task Train_KilledMidEpochWithSigkillAndResumedInANewProcess_EndsWithTheUninterruptedRunsWeights()
    {
        using var clean = new TempDir();
        using var killed = new TempDir();
        var config = await WorkspaceAsync(clean);
        var killedConfig = await WorkspaceAsync(killed);

        using (var run = Host.Start(["train", "--config", config, "--round", "0"], delayMs: 0))
        {
            Assert.True(await Task.Run(() => run.Process.WaitForExit(TimeSpan.FromSeconds(300))), run.Log);
            run.Process.WaitForExit();
            Assert.True(run.Process.ExitCode == 0, run.Log);
        }

        var state = Path.Combine(killed.Path, "checkpoints", "round-0001.state", "trainer_state.json");
        int killedAt;
        using (var run = Host.Start(["train", "--config", killedConfig, "--round", "0"], delayMs: 0))
        {
            // Kill once a state past the first epoch and inside an epoch is saved (3 steps per epoch).
            var deadline = DateTime.UtcNow.AddSeconds(240);
            killedAt = -1;
            while (!run.Process.HasExited && DateTime.UtcNow < deadline)
            {
                if (StepOf(state) is { } step && step > 3 && step % 3 != 0)
                {
                    await run.KillAsync();
                    killedAt = step;
                    break;
                }
                await Task.Delay(5);
            }
            output.WriteLine($"killed at step {killedAt}");
            Assert.True(killedAt > 0, "the run should be killed mid-epoch: " + run.Log);
        }
        using (var resumed = Host.Start(["train", "--config", killedConfig, "--round", "0"], delayMs: 0))
        {
            Assert.True(await Task.Run(() => resumed.Process.WaitForExit(TimeSpan.FromSeconds(300))), resumed.Log);
            resumed.Process.WaitForExit();
            Assert.True(resumed.Process.ExitCode == 0, resumed.Log);
            Assert.Contains("(from ", resumed.Log, StringComparison.Ordinal);
        }

        Assert.Equal(WeightsSha(clean), WeightsSha(killed));
    }

    private static int? StepOf(string stateFile)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(stateFile));
            return doc.RootElement.GetProperty("step").GetInt32();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string WeightsSha(TempDir dir) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir.Path, "checkpoints", "round-0001", "model.safetensors"))));

    private async Task<string> WorkspaceAsync(TempDir dir)
    {
        await TrainingTestData.WriteRoundAsync(Path.Combine(dir.Path, "out", "pairs", "rlaifv"), round: 0);
        var config = Path.Combine(dir.Path, "pipeline.yaml");
        await File.WriteAllTextAsync(config, $$"""
            output: { dir: out }
            metrics: { enabled: false }
            models:
              policy: { backend: llava, path: "{{fixture.Directory}}", device: cpu, threads: 1, batch_size: 4 }
            training:
              checkpoints_dir: checkpoints
              learning_rate: 0.001
              epochs: 60
              global_batch: 2
              micro_batch: 2
              min_pairs: 2
              save_state_every: 1
              length_balance: false
            """);
        return config;
    }

    [Fact]
    public async Task Run_TwoOneRoundRunsOfASmallMainJobInNewProcesses_WriteIdenticalPairsAndSummaryFigures()
    {
        using var first = new TempDir();
        using var second = new TempDir();
        var a = await MainJobAsync(first);
        var b = await MainJobAsync(second);
        Assert.NotEmpty(a.Pairs);
        Assert.Equal(a.Pairs, b.Pairs);
        Assert.Equal(a.Figures, b.Figures);
    }

    private async Task<(List<string> Pairs, string Figures)> MainJobAsync(TempDir dir)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RlaifV.sln"))) root = Path.GetDirectoryName(root)!;
        var yaml = File.ReadAllText(Path.Combine(root, "pipeline.yaml")).Replace("src/World/Weights", Path.Combine(root, "src", "World", "Weights"), StringComparison.Ordinal);
        File.WriteAllText(dir.File("pipeline.yaml"), yaml.Replace("enabled: true", "enabled: false", StringComparison.Ordinal));
        using (var run = Host.StartRlaifv(["run", "--config", dir.File("pipeline.yaml"), "--rounds", "1", "--prompts-per-round", "32", "--held-out", "8"]))
        {
            Assert.True(await Task.Run(() => run.Process.WaitForExit(TimeSpan.FromSeconds(300))), run.Log);
            run.Process.WaitForExit();
            output.WriteLine(run.Log);
            Assert.True(run.Process.ExitCode == 0, run.Log);
        }

        var pairs = new List<string>();
        foreach (var file in Directory.GetFiles(dir.File("out/pairs/rlaifv/round-0000"), "*.parquet"))
        {
            foreach (var r in (await ParquetSerializer.DeserializeAsync<RlaifvPairRow>(file)).Data)
                pairs.Add($"{r.PairId}\t{r.Chosen}\t{r.Rejected}\t{r.ChosenScore}\t{r.RejectedScore}");
        }
        pairs.Sort(StringComparer.Ordinal);

        // Every figure of summary.json but the times and the run's own paths.
        var summary = JsonNode.Parse(File.ReadAllText(dir.File("out/summary.json")))!;
        foreach (var round in summary["rounds"]!.AsArray())
        {
            foreach (var key in round!.AsObject().Select(p => p.Key).Where(k => k.Contains("seconds", StringComparison.Ordinal) || k is "policy" || k.EndsWith("_at", StringComparison.Ordinal)).ToList())
                round.AsObject().Remove(key);
        }
        return (pairs, summary["rounds"]!.ToJsonString());
    }
}
