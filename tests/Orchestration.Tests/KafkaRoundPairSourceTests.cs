using System.Text;
using RlaifV.Kafka;
using RlaifV.Schemas;
using RlaifV.Training;

namespace RlaifV.Orchestration.Tests;

public class KafkaRoundPairSourceTests
{
    [Fact]
    public async Task Read_AfterGeneration_YieldsTheRoundsPairsUpToTheRecordedEndsAndDeadLettersMalformedMessages()
    {
        using var k = new KafkaHarness(partitions: 2);
        var ids = KafkaHarness.Ids(30);
        await k.SeedAsync(ids);
        var options = k.Options();
        var summary = await k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var expected = KafkaHarness.Sorted(Harness.ExpectedPairIds(ids, options));

        // After the round was recorded complete: a malformed message and a repeated pair inside the range would be
        // caught by the reader; these, produced after the end offsets, are not part of the round at all.
        using (var producer = k.Environment.CreateProducer())
        {
            await producer.ProduceAsync(k.Topics.Pairs(1), new Confluent.Kafka.Message<string, byte[]> { Key = "late", Value = Encoding.UTF8.GetBytes("late"), Headers = [] });
        }

        var source = new KafkaRoundPairSource(k.Environment);
        var dead = new List<DeadLetter>();
        var records = new List<RoundPairRecord>();
        await foreach (var r in source.ReadAsync(1, dead.Add, CancellationToken.None)) records.Add(r);

        Assert.Empty(dead);
        Assert.Equal(expected, KafkaHarness.Sorted(records.Select(r => r.PairId!)));
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r.Chosen) || string.IsNullOrEmpty(r.Rejected) || r.ImageBytes is null));
        Assert.Equal(summary.Complete!.PairCount, records.Count);
    }

    [Fact]
    public async Task Read_MalformedMessageInsideTheRound_IsDeadLetteredWithItsPositionAndTheReadGoesOn()
    {
        using var k = new KafkaHarness(partitions: 1);
        await k.SeedAsync(KafkaHarness.Ids(5));
        await k.Environment.EnsureRoundTopicsAsync(1);
        using (var producer = k.Environment.CreateProducer())
        {
            await producer.ProduceAsync(k.Topics.Pairs(1), new Confluent.Kafka.Message<string, byte[]> { Key = "garbage", Value = Encoding.UTF8.GetBytes("{not arrow"), Headers = [] });
        }
        var options = k.Options();
        var summary = await k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        // The Parquet export skipped the bad message too, and put it on the DLQ topic.
        var expected = KafkaHarness.Sorted(Harness.ExpectedPairIds(KafkaHarness.Ids(5), options));
        Assert.Equal(expected, KafkaHarness.Sorted(await KafkaHarness.ParquetPairIdsAsync(summary.Files)));
        var exported = Assert.Single(k.Raw(k.Topics.DeadLetters).Select(m => KafkaRecordTypes.DeadLetter.Decode(m)));
        Assert.Equal(("export", DeadLetterReasons.Malformed), (exported.Stage, exported.Reason));

        var dead = new List<DeadLetter>();
        var records = new List<RoundPairRecord>();
        await foreach (var r in new KafkaRoundPairSource(k.Environment).ReadAsync(1, dead.Add, CancellationToken.None)) records.Add(r);

        var letter = Assert.Single(dead);
        Assert.Equal(("train", DeadLetterReasons.Malformed), (letter.Stage, letter.Reason));
        Assert.Equal($"{k.Topics.Pairs(1)}/0/0", letter.Origin);
        Assert.Equal(expected, KafkaHarness.Sorted(records.Select(r => r.PairId!)));
    }

    [Fact]
    public async Task Read_RoundNotComplete_SaysSoAndHowToFinishIt()
    {
        using var k = new KafkaHarness(partitions: 1);
        await k.Environment.EnsureBaseTopicsAsync();
        var e = await Assert.ThrowsAsync<TrainingException>(async () =>
        {
            await foreach (var _ in new KafkaRoundPairSource(k.Environment).ReadAsync(3, _ => { }, CancellationToken.None)) { }
        });
        Assert.Contains("Round 3 has no 'generation complete' record", e.Message, StringComparison.Ordinal);
    }
}
