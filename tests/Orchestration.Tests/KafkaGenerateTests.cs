using System.Text;
using RlaifV.Kafka;
using RlaifV.Schemas;
using RlaifV.TestKit;

namespace RlaifV.Orchestration.Tests;

public class KafkaGenerateTests
{
    [Fact]
    public async Task Generate_UntilCaughtUp_PairsTopicAndParquetHoldExactlyTheExpectedPairs()
    {
        using var k = new KafkaHarness();
        var ids = KafkaHarness.Ids(120);
        await k.SeedAsync(ids);
        var options = k.Options();

        var summary = await k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var expected = KafkaHarness.Sorted(Harness.ExpectedPairIds(ids, options));
        Assert.True(summary.CaughtUp);
        Assert.Equal(120, summary.Processed);
        Assert.Equal(expected, KafkaHarness.Sorted(k.DistinctPairIds(k.Topics.Pairs(1))));
        Assert.Equal(expected.Count, k.Raw(k.Topics.Pairs(1)).Count);
        Assert.Equal(expected, KafkaHarness.Sorted(await KafkaHarness.ParquetPairIdsAsync(summary.Files)));
        // One message per prompt for its n verdicts and one for its n candidates; one per pair.
        Assert.Equal((120, 120 * 10), (k.Raw(k.Topics.Verdicts(1)).Count, k.Rows(k.Topics.Verdicts(1), KafkaRecordTypes.ScoredCandidate).Count));
        Assert.Equal((120, 120 * 10), (k.Raw(k.Topics.Candidates(1)).Count, k.Rows(k.Topics.Candidates(1), KafkaRecordTypes.Candidate).Count));
        Assert.All(k.Raw(k.Topics.Candidates(1)), m => Assert.Equal(m.Message.Key + "/candidate", MessageHeaders.GetString(m.Message.Headers, MessageHeaders.Id)));
        Assert.All(k.Raw(k.Topics.Pairs(1)), m => Assert.StartsWith(m.Message.Key + "#r1:", MessageHeaders.GetString(m.Message.Headers, MessageHeaders.Id), StringComparison.Ordinal));

        var round = k.Control().Round(1)!;
        Assert.Equal("model:shapes-policy", round.Started!.PolicyUri);
        Assert.Equal(k.Topics.Prompts, round.Started.PromptTopic);
        Assert.Equal(expected.Count, round.GenerationComplete!.PairCount);
        Assert.Equal(expected, KafkaHarness.Sorted(k.Environment.CreateReader().ReadRoundPairs(round.GenerationComplete).Select(p => p.Id)));
    }

    [Fact]
    public async Task Generate_MalformedMessageOnPromptsTopic_LandsOnDlqWithReasonAndOffsetMovesOn()
    {
        using var k = new KafkaHarness(partitions: 1);
        await k.SeedAsync(["p0000"]);
        using (var producer = k.Environment.CreateProducer())
        {
            await producer.ProduceAsync(k.Topics.Prompts, new Confluent.Kafka.Message<string, byte[]> { Key = "garbage", Value = Encoding.UTF8.GetBytes("{not arrow"), Headers = [] });
        }
        await k.SeedAsync(["p0001"]);
        var options = k.Options();

        var summary = await k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((2, 1), (summary.Processed, summary.Rejected));
        var letters = k.Raw(k.Topics.DeadLetters).Select(m => KafkaRecordTypes.DeadLetter.Decode(m)).ToList();
        var letter = Assert.Single(letters);
        Assert.Equal(("ingest", DeadLetterReasons.Malformed), (letter.Stage, letter.Reason));
        Assert.Contains("garbage", letter.Detail, StringComparison.Ordinal);
        Assert.Equal($"{k.Topics.Prompts}/0/1", letter.Origin);
        Assert.Equal("{not arrow", letter.Input);
        Assert.Equal(KafkaHarness.Sorted(Harness.ExpectedPairIds(["p0000", "p0001"], options)), KafkaHarness.Sorted(k.DistinctPairIds(k.Topics.Pairs(1))));

        // The group committed past the bad message: a second run finds nothing to do.
        using var offsets = k.Environment.CreateGroupOffsets(KafkaGenerationJob.GroupOf(k.Topics, 1));
        Assert.Equal(3, offsets.Committed(k.Topics.Prompts, [0], CancellationToken.None)[0]);
        var again = await k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((0L, 0L), (again.Read, again.Processed));
    }

    [Fact]
    public async Task Generate_TwoGeneratorsInOneGroup_SplitTheWorkWithNoOverlap()
    {
        using var k = new KafkaHarness(partitions: 4);
        await k.Environment.EnsureBaseTopicsAsync();
        await k.Environment.EnsureRoundTopicsAsync(1);
        var options = k.Options(n: 4);
        using var stop = new CancellationTokenSource();
        var a = Task.Run(() => k.GenerateAsync(options, untilCaughtUp: false, stop.Token, new ShapesPolicy(TimeSpan.FromMilliseconds(5))));
        var b = Task.Run(() => k.GenerateAsync(options, untilCaughtUp: false, stop.Token, new ShapesPolicy(TimeSpan.FromMilliseconds(5))));
        await Task.Delay(TimeSpan.FromSeconds(4));

        var ids = KafkaHarness.Ids(160);
        await k.SeedAsync(ids);
        var expected = KafkaHarness.Sorted(Harness.ExpectedPairIds(ids, options));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (k.Environment.GetEndOffsets(k.Topics.Pairs(1)).Sum(e => e.Offset) < expected.Count && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await stop.CancelAsync();
        var (sa, sb) = (await a.WaitAsync(TimeSpan.FromSeconds(30)), await b.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(sa.Processed > 0 && sb.Processed > 0, $"both should work: {sa.Processed} and {sb.Processed}");
        Assert.Equal(160, sa.Processed + sb.Processed);
        Assert.Equal(expected.Count, sa.Pairs + sb.Pairs);
        var raw = k.Raw(k.Topics.Pairs(1)).Select(m => MessageHeaders.GetString(m.Message.Headers, MessageHeaders.Id)!).ToList();
        Assert.Equal(expected, KafkaHarness.Sorted(raw));
    }

    [Fact]
    public async Task Generate_BrokerDownFor10sMidRun_CompletesWithNothingLost()
    {
        using var k = new KafkaHarness(partitions: 4, sessionTimeoutMs: 30_000);
        var ids = KafkaHarness.Ids(150);
        await k.SeedAsync(ids);
        var options = k.Options(n: 4);
        var run = Task.Run(() => k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None, new ShapesPolicy(TimeSpan.FromMilliseconds(40))));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            try
            {
                if (k.Environment.GetEndOffsets(k.Topics.Pairs(1)).Sum(e => e.Offset) > 20) break;
            }
            catch (InvalidOperationException)
            {
                // The round's topics are not created yet.
            }
            await Task.Delay(100);
        }
        Assert.False(run.IsCompleted, "the run should still be going when the broker goes down");
        k.Cluster.SetBrokerDown(1);
        await Task.Delay(TimeSpan.FromSeconds(10));
        k.Cluster.SetBrokerUp(1);
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(90));

        var expected = KafkaHarness.Sorted(Harness.ExpectedPairIds(ids, options));
        Assert.True(summary.CaughtUp);
        Assert.Equal(expected, KafkaHarness.Sorted(k.DistinctPairIds(k.Topics.Pairs(1))));
        Assert.Equal(expected.Count, summary.Complete!.PairCount);
        Assert.Equal(expected, KafkaHarness.Sorted(await KafkaHarness.ParquetPairIdsAsync(summary.Files)));
    }
}
