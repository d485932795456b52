using RlaifV.Kafka;
using RlaifV.Orchestration.Tests;
using RlaifV.Schemas;
using RlaifV.TestKit;
using Xunit.Abstractions;

namespace RlaifV.Runtime.Tests;

public class KafkaPoisonTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Generate_PromptThatKillsEveryGenerator_IsDeadLetteredAsPoisonAndTheRoundCompletesWithEveryOtherPromptsPairsOnce()
    {
        using var k = new KafkaHarness(partitions: 2, sessionTimeoutMs: 2_000);
        var ids = KafkaHarness.Ids(40);
        const string culprit = "p0017";
        await k.Environment.EnsureBaseTopicsAsync();
        using (var producer = k.Environment.CreateProducer())
        {
            await Task.WhenAll(ids.Select(id => producer.ProducePromptAsync(id == culprit
                ? Items.Prompt(id, "POISON Describe this image in detail.")
                : Items.Prompt(id))));
        }
        await k.Environment.EnsureRoundTopicsAsync(1); // the mock serves no admin CreateTopics to other processes
        var config = KafkaCrashTests.WriteConfig(k);
        var poison = new Dictionary<string, string> { ["RLAIFV_TEST_POISON"] = "POISON" };

        var crashes = 0;
        int exit;
        while (true)
        {
            using var host = Host.Start(["generate", "--config", config, "--until-caught-up"], delayMs: 0, poison);
            Assert.True(await Task.Run(() => host.Process.WaitForExit(TimeSpan.FromSeconds(90))), "a generator run should end: " + host.Log);
            host.Process.WaitForExit();
            exit = host.Process.ExitCode;
            output.WriteLine($"run {crashes + 1}: exit {exit}");
            foreach (var line in host.TakeLast(4)) output.WriteLine("  child: " + line);
            if (exit == 0) break;
            crashes++;
            Assert.True(crashes <= 6, "the poison prompt should be dead-lettered after kafka.poison_after (3) unclean exits");
        }
        Assert.Equal(3, crashes);

        var letters = k.Environment.CreateReader().Read(k.Topics.DeadLetters, KafkaRecordTypes.DeadLetter, k.Environment.GetEndOffsets(k.Topics.DeadLetters)).ToList();
        var letter = Assert.Single(letters);
        Assert.Equal((DeadLetterReasons.Poison, culprit), (letter.Reason, letter.Key));

        var options = k.Options();
        var expected = KafkaHarness.Sorted(Harness.ExpectedPairIds(ids.Where(id => id != culprit), options));
        Assert.Equal(expected, KafkaHarness.Sorted(k.DistinctPairIds(k.Topics.Pairs(1))));
        var files = Directory.GetFiles(Path.Combine(k.Dir.Path, "pairs", "rlaifv"), "*.parquet", SearchOption.AllDirectories);
        var exported = await KafkaHarness.ParquetPairIdsAsync(files);
        Assert.Equal(expected, KafkaHarness.Sorted(exported)); // every other prompt's pairs, none twice
        Assert.Equal(expected.Count, k.Control().Round(1)!.GenerationComplete!.PairCount);
    }
}
