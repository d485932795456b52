using System.Text.Json;
using RlaifV.GeneratorHost;
using RlaifV.Runtime.Cli;
using RlaifV.TestKit;

namespace RlaifV.Runtime.Tests.Cli;

/// <summary>What run and generate write when standard error is not a terminal (model and training doubles).</summary>
public sealed class RunOutputTests
{
    private const int Rounds = 2;
    private const int PerRound = 24;

    [Fact]
    public async Task Run_Redirected_WritesNoCarriageReturnAndOneLinePerStepOfEachRound()
    {
        using var dir = new TempDir();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CommandLine.RunAsync(["run", "--config", Workspace(dir)], stdout, stderr, o => ShapesRun.Models(o, null), new ShapesRun.Trainer());

        Assert.True(code == ExitCodes.Ok, stderr.ToString());
        string log = stderr.ToString();
        Assert.DoesNotContain('\r', log);
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int r = 0; r < Rounds; r++)
        {
            Assert.Single(lines, l => l.StartsWith($"round {r}: ", StringComparison.Ordinal) && l.Contains(" put on ", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith($"round {r}: ", StringComparison.Ordinal) && l.Contains(" pairs on ", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith($"round {r}: trained on ", StringComparison.Ordinal));
        }
        // A kafka line, then per round: prompts put, the generate progress' final line (plus one per 5 s), its
        // summary, the training summary.
        Assert.InRange(lines.Length, 1 + 4 * Rounds, 1 + 8 * Rounds);
        Assert.Contains("wrote ", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrote ", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LogFormatJson_EveryStderrLineIsAJsonObjectAndResultsStayOnStdout()
    {
        using var dir = new TempDir();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CommandLine.RunAsync(["--log-format", "json", "run", "--config", Workspace(dir)], stdout, stderr, o => ShapesRun.Models(o, null), new ShapesRun.Trainer());

        Assert.True(code == ExitCodes.Ok, stderr.ToString());
        var records = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(records, r => Assert.Equal(JsonValueKind.Object, r.ValueKind));
        Assert.All(records, r => Assert.True(r.TryGetProperty("LogLevel", out _) && r.TryGetProperty("Timestamp", out _)));
        Assert.Contains(records, r => r.GetProperty("Message").GetString()!.StartsWith("round 1: trained on", StringComparison.Ordinal));
        // Progress is a record too: the generate status' final value (event 2).
        Assert.Contains(records, r => r.GetProperty("EventId").GetInt32() == 2 && r.GetProperty("Message").GetString()!.StartsWith("round 0: generate:", StringComparison.Ordinal));
        Assert.Contains("| round |", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_Redirected_WritesNoCarriageReturnAndABoundedProgress()
    {
        using var dir = new TempDir();
        var config = Workspace(dir);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CommandLine.RunAsync(["generate", "--config", config], stdout, stderr, o => ShapesRun.Models(o, null));

        Assert.True(code == ExitCodes.Ok, stderr.ToString());
        Assert.DoesNotContain('\r', stderr.ToString());
        var progress = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(progress.Length, 1, 3); // a test run lasts seconds: the final line, at most a 5 s line or two
        Assert.StartsWith($"prompts: {Rounds * PerRound} read, {Rounds * PerRound} done, 0 rejected", progress[^1], StringComparison.Ordinal);
        Assert.StartsWith($"done: {Rounds * PerRound} prompts processed", stdout.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Prompts for every round, the start checkpoint and the config.</summary>
    private static string Workspace(TempDir dir) => RunWorkspace.Write(dir, Rounds, PerRound, promptRounds: Rounds);
}
