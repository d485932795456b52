using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Orchestration.Tests;
using Xunit.Abstractions;

namespace RlaifV.Runtime.Tests;

public class KafkaCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Generate_ChildKilledWithSigkillFiveTimesAndRestarted_FinalPairsEqualCleanRunWithNoDuplicates()
    {
        using var k = new KafkaHarness(partitions: 4, sessionTimeoutMs: 2_000);
        // Enough work that five kills land before a child finishes the round (with the sink writing 64
        // prompts at once a child gets through ~100 prompts in the 2.5 s a random-time kill may wait).
        var ids = KafkaHarness.Ids(600);
        await k.SeedAsync(ids);
        await k.Environment.EnsureRoundTopicsAsync(1); // the mock serves no admin CreateTopics to other processes
        var options = k.Options();
        var config = WriteConfig(k);
        var random = new Random(4242);

        var kills = 0;
        var killedWhileWorking = 0;
        while (kills < 5)
        {
            using var host = Start(config);
            var child = host.Process;
            var before = PairMessages(k);
            if (kills % 2 == 0)
            {
                // Kill mid-work: once this run has produced a random number of pair messages.
                var target = before + random.Next(10, 60);
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (PairMessages(k) < target && !child.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
            }
            else
            {
                // Kill at a random time: often while starting, joining the group or catching up.
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2_500)));
            }
            if (child.HasExited)
            {
                output.WriteLine($"child exited by itself with {child.ExitCode}: {host.Log}");
                break;
            }
            child.Kill();
            await child.WaitForExitAsync();
            kills++;
            var after = PairMessages(k);
            if (after > before) killedWhileWorking++;
            output.WriteLine($"kill {kills}: pair messages {before} → {after}");
            foreach (var line in host.TakeLast(5)) output.WriteLine("  child: " + line);
        }
        Assert.Equal(5, kills);
        Assert.True(killedWhileWorking >= 2, $"at least two kills should land while pairs were being produced, got {killedWhileWorking}");

        using var lastHost = Start(config);
        var last = lastHost.Process;
        Assert.True(await Task.Run(() => last.WaitForExit(TimeSpan.FromSeconds(90))), "the final run should finish");
        last.WaitForExit();
        output.WriteLine(lastHost.Log);
        Assert.True(last.ExitCode == 0, lastHost.Log);

        var expected = KafkaHarness.Sorted(Harness.ExpectedPairIds(ids, options));
        var stats = new BoundedReadStats();
        var deduped = k.Environment.CreateReader().Read(k.Topics.Pairs(1), KafkaRecordTypes.PreferencePair, k.Environment.GetEndOffsets(k.Topics.Pairs(1)), stats).Select(p => p.Id).ToList();
        output.WriteLine($"pairs topic: {stats.Records} distinct, {stats.Duplicates} duplicates dropped");
        Assert.Equal(expected, KafkaHarness.Sorted(deduped));
        var complete = k.Control().Round(1)!.GenerationComplete!;
        Assert.Equal(expected.Count, complete.PairCount);
        var files = Directory.GetFiles(Path.Combine(k.Dir.Path, "pairs", "rlaifv"), "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(expected, KafkaHarness.Sorted(await KafkaHarness.ParquetPairIdsAsync(files)));
    }

    private static long PairMessages(KafkaHarness k)
    {
        try
        {
            return k.Environment.GetEndOffsets(k.Topics.Pairs(1)).Sum(e => e.Offset);
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    internal static string WriteConfig(KafkaHarness k)
    {
        var o = k.Kafka;
        var yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            run: {round: 1, global_seed: 7}
            input: {source: kafka}
            ingest: {image_root: ".", capacity: 16}
            sampling: {n: 10, batch: {size: 8, flush_ms: 20, capacity: 16} }
            claims: {batch: {size: 32, flush_ms: 20, capacity: 64} }
            questions: {batch: {size: 32, flush_ms: 20, capacity: 64} }
            labeler: {batch: {size: 32, flush_ms: 20, capacity: 64} }
            pairing: {capacity: 64}
            output: {dir: "{{k.Dir.Path}}", rows_per_file: 150}
            metrics: {enabled: false}
            kafka:
              bootstrap_servers: "{{o.BootstrapServers}}"
              partitions: {{o.Partitions}}
              session_timeout_ms: {{o.SessionTimeoutMs}}
              max_poll_interval_ms: {{o.MaxPollIntervalMs}}
              commit_interval_ms: {{o.CommitIntervalMs}}
              linger_ms: {{o.LingerMs}}
              bounded_read_stall_timeout_ms: {{o.BoundedReadStallTimeoutMs}}
            """);
        var path = k.Dir.File("pipeline.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    // 60 ms per policy call (8 prompts): the generator writes 64 prompts at once and is fast enough that with less,
    // a child killed at a random time could finish all 600 prompts before the fifth kill.
    private static Host Start(string config) => Host.Start(["generate", "--config", config, "--until-caught-up"], delayMs: 60);
}
