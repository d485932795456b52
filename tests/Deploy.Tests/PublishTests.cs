using System.Text.Json;
using Xunit.Abstractions;

namespace RlaifV.Deploy.Tests;

/// <summary>The publish script's output runs the main job from outside the repository as a non-root user.</summary>
[Collection(PublishedAppCollection.Name)]
public class PublishTests(PublishedApp app, ITestOutputHelper output)
{
    [Fact]
    public void PublishScript_Output_HoldsTheProgramTheWorldWeightsAndTheMainJobConfig()
    {
        Assert.True(File.Exists(app.Program), app.Log);
        Assert.True(File.GetUnixFileMode(app.Program).HasFlag(UnixFileMode.OtherExecute));
        Assert.True(File.Exists(Path.Combine(app.Folder, "libLibTorchSharp.so")));
        Assert.True(File.Exists(Path.Combine(app.Folder, "src", "World", "Weights", "policy", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(app.Folder, "src", "World", "Weights", "labeler", "model.safetensors")));
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "pipeline.yaml")), File.ReadAllText(Path.Combine(app.Folder, "pipeline.yaml")));
        Assert.False(app.Folder.StartsWith(Repo.Root, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishedRlaifv_OneRoundAsNobodyOutsideTheRepository_WritesTheSummaryAndPairs()
    {
        var work = app.NewWorkFolder("main-job");
        // The published pipeline.yaml as it is, but for a free metrics port (others may hold 9464) and the world's
        // weights named by absolute path (the config's relative paths are relative to the config file).
        var weights = Path.Combine(app.Folder, "src", "World", "Weights");
        var yaml = File.ReadAllText(Path.Combine(app.Folder, "pipeline.yaml"))
            .Replace("src/World/Weights", weights, StringComparison.Ordinal)
            .Replace("port: 9464", $"port: {Prometheus.FreePort()}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(work, "pipeline.yaml"), yaml);

        var (code, log) = await ChildProcess.RunAsync(app.Program,
            ["run", "--config", "pipeline.yaml", "--rounds", "1", "--prompts-per-round", "16", "--held-out", "8"],
            work, TimeSpan.FromMinutes(10), asNobody: true, new Dictionary<string, string> { ["HOME"] = work });
        output.WriteLine(log);
        Assert.True(code == 0, log);

        var summary = Path.Combine(work, "out", "summary.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(summary));
        var rounds = doc.RootElement.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(2, rounds.Count);
        Assert.True(rounds[1].GetProperty("pairs").GetInt64() > 0);
        Assert.Equal(rounds[1].GetProperty("pairs").GetInt64(), rounds[1].GetProperty("pairs_trained").GetInt64());
        Assert.True(Directory.Exists(Path.Combine(work, "out", "checkpoints", "round-0001")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(work, "out", "pairs", "rlaifv", "round-0000"), "*.parquet"));
        if (Environment.IsPrivilegedProcess)
        {
            // The files were written by nobody (uid 65534), not by root: the job really ran unprivileged.
            var owner = await ChildProcess.RunAsync("stat", ["-c", "%u", summary], work, TimeSpan.FromSeconds(30));
            Assert.Equal("65534", owner.Log.Trim());
        }
    }
}
