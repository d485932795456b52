using System.Text.Json;
using RlaifV.GeneratorHost;
using RlaifV.Orchestration.Tests;
using RlaifV.Runtime.Cli;
using RlaifV.TestKit;
using Xunit.Abstractions;

namespace RlaifV.Runtime.Tests;

/// <summary><c>rlaifv run</c> with the model and training doubles, through the embedded broker.</summary>
public class RunTests(ITestOutputHelper output)
{
    private const int Rounds = 3;
    private const int PerRound = 40;

    [Fact]
    public async Task Run_ThreeRoundsWithDoubles_EachRoundTrainsOnItsOwnPairsAndItsPolicyDiffersFromTheLast()
    {
        using var dir = new TempDir();
        var config = WriteWorkspace(dir);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["run", "--config", config], stdout, stderr, o => ShapesRun.Models(o, null), new ShapesRun.Trainer());
        output.WriteLine(stderr.ToString());
        output.WriteLine(stdout.ToString());
        Assert.Equal(0, code);

        var rounds = Summary(dir);
        Assert.Equal(Enumerable.Range(0, Rounds + 1), rounds.Select(r => r.GetProperty("round").GetInt32()));
        var shares = new List<double> { 0.5 };
        string? previousDigest = null;
        for (int r = 1; r <= Rounds; r++)
        {
            var checkpoint = dir.File($"checkpoints/round-{r:D4}");
            var share = ShapesRun.ShareOf(checkpoint);
            Assert.NotNull(share);
            shares.Add(share.Value);
            var digest = RlaifV.Kafka.PolicyIdentity.Digest(checkpoint);
            Assert.NotEqual(previousDigest, digest);
            previousDigest = digest;

            // The round's pairs were produced by that round's policy, from that round's own slice of the prompts, and
            // the trainer read exactly the distinct pairs the control topic recorded.
            var record = rounds[r];
            var files = Directory.GetFiles(dir.File($"out/pairs/rlaifv/round-{r - 1:D4}"), "*.parquet");
            var ids = await KafkaHarness.ParquetPairIdsAsync(files);
            Assert.NotEmpty(ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(ids.Count, record.GetProperty("pairs").GetInt64());
            Assert.Equal(PerRound, record.GetProperty("prompts").GetInt64());
            Assert.All(ids, id => Assert.StartsWith($"q{r - 1}-", id, StringComparison.Ordinal));
            Assert.True(record.GetProperty("pairs_trained").GetInt32() > 0);
        }
        Assert.Equal([0.5, 0.25, 0.125, 0.0625], shares);
        Assert.True(File.Exists(dir.File("out/report.md")));
        Assert.True(new FileInfo(dir.File("out/report.png")).Length > 1000);
        Assert.Contains("round 2: trained on", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KilledAfterTheFirstRoundAndRestarted_ResumesInsteadOfRestarting()
    {
        using var dir = new TempDir();
        var config = WriteWorkspace(dir);
        var firstRecord = dir.File("out/rounds/round-0001.json");

        using (var child = Host.Start(["run", "--config", config], delayMs: 40))
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!File.Exists(firstRecord) && !child.Process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.False(child.Process.HasExited, "the run should still be working on later rounds when killed: " + child.Log);
            Assert.True(File.Exists(firstRecord), "round 0 should finish within the deadline: " + child.Log);
            await child.KillAsync();
        }
        var firstWritten = File.ReadAllText(firstRecord);
        Assert.False(File.Exists(dir.File("out/rounds/round-0003.json")), "the kill should land before the last round");

        using var again = Host.Start(["run", "--config", config], delayMs: 0);
        Assert.True(await Task.Run(() => again.Process.WaitForExit(TimeSpan.FromSeconds(120))), "the resumed run should finish: " + again.Log);
        again.Process.WaitForExit();
        var log = again.Log;
        output.WriteLine(log);
        Assert.True(again.Process.ExitCode == 0, log);
        Assert.Contains("round 0: done earlier (resuming)", log, StringComparison.Ordinal);
        Assert.DoesNotContain("round 0: generate", log, StringComparison.Ordinal);
        Assert.Equal(firstWritten, File.ReadAllText(firstRecord));
        Assert.Equal(Enumerable.Range(0, Rounds + 1), Summary(dir).Select(r => r.GetProperty("round").GetInt32()));
        Assert.Equal(0.0625, ShapesRun.ShareOf(dir.File($"checkpoints/round-{Rounds:D4}")));
    }

    [Fact]
    public async Task Run_KafkaSource_FailsBeforeAnyWorkNamingTheKey()
    {
        using var dir = new TempDir();
        var config = WriteWorkspace(dir);
        File.AppendAllText(config, "\n");
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["run", "--config", config, "--source", "kafka"], new StringWriter(), stderr, o => ShapesRun.Models(o, null), new ShapesRun.Trainer());
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("input.source = kafka", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out/rounds")));
    }

    /// <summary>Prompts for every round and one more (q{round}-{i}), the start checkpoint (share 0.5) and the config.</summary>
    private static string WriteWorkspace(TempDir dir) => Cli.RunWorkspace.Write(dir, Rounds, PerRound, promptRounds: Rounds + 1);

    private static List<JsonElement> Summary(TempDir dir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json")));
        return doc.RootElement.GetProperty("rounds").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
