using System.Text.Json;
using Confluent.Kafka;
using RlaifV.Schemas;

namespace RlaifV.Kafka.Tests;

public class RoundReadTests
{
    [Fact]
    public async Task ReadRoundPairs_RecordedEndOffsets_StopsThereAndDropsDuplicates()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 3);
        var env = kafka.Environment;
        await env.EnsureBaseTopicsAsync();
        await env.EnsureRoundTopicsAsync(2);
        var topic = kafka.Topics.Pairs(2);
        using var producer = env.CreateProducer();
        for (var i = 0; i < 30; i++) await producer.ProducePairAsync(Samples.Pair($"p{i}", round: 2));
        for (var i = 0; i < 5; i++) await producer.ProducePairAsync(Samples.Pair($"p{i}", round: 2)); // a retried batch
        var end = env.GetEndOffsets(topic);
        await producer.ProduceControlAsync(Samples.Complete(2) with { PairsTopic = topic, PairCount = 30, EndOffsets = end });
        for (var i = 30; i < 40; i++) await producer.ProducePairAsync(Samples.Pair($"p{i}", round: 2)); // after the round ended

        var complete = new ControlTopicReader(env).ReadState().Round(2)!.GenerationComplete!;
        var stats = new BoundedReadStats();
        var pairs = env.CreateReader().ReadRoundPairs(complete, stats).ToList();

        Assert.Equal(30, pairs.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"p{i}#r2:0>1").Order(), pairs.Select(p => p.Id).Order());
        Assert.Equal(30, stats.Records);
        Assert.Equal(5, stats.Duplicates);
    }

    [Fact]
    public async Task ReadRaw_EmptyAndUnlistedPartitions_AreSkipped()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 3);
        var env = kafka.Environment;
        var topic = kafka.Topics.Candidates(0);
        await env.EnsureTopicsAsync([topic]);
        using (var producer = env.CreateProducer())
            for (var i = 0; i < 20; i++) await producer.ProduceCandidateAsync(Samples.Candidate($"p{i}", round: 0));
        var end = env.GetEndOffsets(topic);
        var firstPartitionOnly = new[] { end[0] };
        var read = env.CreateReader().ReadRaw(topic, firstPartitionOnly).ToList();
        Assert.Equal(end[0].Offset, read.Count);
        Assert.All(read, r => Assert.Equal(0, r.Partition.Value));
        Assert.Empty(env.CreateReader().ReadRaw(topic, Samples.Offsets(0, 0, 0)));
    }

    [Fact]
    public async Task ReadRaw_EndOffsetBeyondData_TimesOutNamingThePartition()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 1);
        var env = KafkaEnvironment.Attach(kafka.Options with { BoundedReadStallTimeoutMs = 500 }, kafka.Cluster);
        var topic = kafka.Topics.Pairs(0);
        await env.EnsureTopicsAsync([topic]);
        using (var producer = env.CreateProducer())
            await producer.ProducePairAsync(Samples.Pair(round: 0));
        var e = Assert.Throws<TimeoutException>(() => env.CreateReader().ReadRaw(topic, Samples.Offsets(5)).ToList());
        Assert.Contains("0 (end 5)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadState_ControlTopic_LatestStateOfEveryRound()
    {
        using var kafka = new EmbeddedKafkaFixture();
        var env = kafka.Environment;
        await env.EnsureBaseTopicsAsync();
        using (var producer = env.CreateProducer())
        {
            await producer.ProduceControlAsync(Samples.Started(0, "file:///r0-first"));
            await producer.ProduceControlAsync(Samples.Started(0, "file:///r0"));
            await producer.ProduceControlAsync(Samples.Complete(0, 12));
            await producer.ProduceControlAsync(Samples.Checkpoint(0, "file:///r1"));
            await producer.ProduceControlAsync(Samples.Started(1, "file:///r1"));
        }
        var state = new ControlTopicReader(env).ReadState();
        Assert.Equal([0, 1], state.Rounds.Keys);
        Assert.Equal("file:///r0", state.Round(0)!.Started!.PolicyUri);
        Assert.Equal(12, state.Round(0)!.GenerationComplete!.PairCount);
        Assert.Equal(Samples.Offsets(6, 4), state.Round(0)!.GenerationComplete!.EndOffsets);
        Assert.Equal("file:///r1", state.PolicyFor(1)!.Value.Uri);
        Assert.False(state.Round(1)!.IsGenerationComplete);
    }

    [Fact]
    public async Task Write_TopicWithEveryRecordType_PrintsOneJsonLineEach()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 1);
        var env = kafka.Environment;
        var topic = "rlaifv.mixed";
        await env.EnsureTopicsAsync([topic]);
        using (var producer = env.CreateProducer())
        {
            await producer.ProduceAsync(topic, KafkaRecordTypes.Prompt, Samples.Prompt());
            await producer.ProduceAsync(topic, KafkaRecordTypes.Candidate, Samples.Candidate());
            await producer.ProduceAsync(topic, KafkaRecordTypes.ScoredCandidate, Samples.Scored());
            await producer.ProduceAsync(topic, KafkaRecordTypes.PreferencePair, Samples.Pair());
            await producer.ProduceAsync(topic, KafkaRecordTypes.DeadLetter, Samples.DeadLetter());
            await producer.ProduceAsync(topic, KafkaRecordTypes.RoundStarted, Samples.Started(1));
            await producer.ProduceAsync(topic, KafkaRecordTypes.RoundGenerationComplete, Samples.Complete(1));
            await producer.ProduceAsync(topic, KafkaRecordTypes.CheckpointPublished, Samples.Checkpoint(1));
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "junk", Value = [9, 9, 9] });
        }
        using var output = new StringWriter();
        Assert.Equal(9, TopicDump.Write(output, env, topic));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, lines.Length);
        var names = lines.Take(8).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("record").ValueKind);
            return doc.RootElement.GetProperty("headers").GetProperty(MessageHeaders.RecordName).GetString();
        }).ToList();
        Assert.Equal(
            ["prompt", "candidate", "scored_candidate", "preference_pair", "dead_letter", "round_started", "round_generation_complete", "checkpoint_published"],
            names);
        using var junk = JsonDocument.Parse(lines[8]);
        Assert.True(junk.RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task MalformedPrompt_ConsumedAndDeadLettered_LandsOnDlqAndOffsetMovesOn()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 1);
        var env = kafka.Environment;
        await env.EnsureBaseTopicsAsync();
        using var producer = env.CreateProducer();
        await producer.ProduceAsync(kafka.Topics.Prompts, new Message<string, byte[]> { Key = "bad", Value = "{not arrow"u8.ToArray() });
        await producer.ProducePromptAsync(Samples.Prompt("good"));

        using (var consumer = env.CreateConsumer("generators", [kafka.Topics.Prompts]))
        {
            foreach (var m in ProduceConsumeTests.ConsumeN(consumer, 2))
            {
                try
                {
                    Assert.Equal("good", m.Decode(KafkaRecordTypes.Prompt).Id);
                }
                catch (InvalidDataException e)
                {
                    await producer.ProduceDeadLetterAsync(MessageDeadLetters.ForMessage(m.Result, "ingest", DeadLetterReasons.Malformed, e.Message, DateTimeOffset.UtcNow));
                }
                consumer.MarkDone(m);
            }
            Assert.Equal(2, consumer.CommitDone().Single().Offset.Value);
            consumer.Close();
        }
        var dead = env.CreateReader().Read(kafka.Topics.DeadLetters, KafkaRecordTypes.DeadLetter, env.GetEndOffsets(kafka.Topics.DeadLetters)).Single();
        Assert.Equal("bad", dead.Key);
        Assert.Equal(DeadLetterReasons.Malformed, dead.Reason);
        Assert.Equal("rlaifv.prompts/0/0", dead.Origin);
        Assert.Equal("{not arrow", dead.Input);
    }
}
