using System.Collections.Concurrent;
using RlaifV.Schemas.Arrow;

namespace RlaifV.Kafka.Tests;

public class ProduceConsumeTests
{
    [Fact]
    public async Task TypedProducers_EachRecordType_RoundTripWithHeaders()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 2);
        var env = kafka.Environment;
        await env.EnsureBaseTopicsAsync();
        await env.EnsureRoundTopicsAsync(3);
        using (var producer = env.CreateProducer())
        {
            await producer.ProducePromptAsync(Samples.Prompt());
            await producer.ProduceCandidateAsync(Samples.Candidate(index: 4));
            await producer.ProduceVerdictAsync(Samples.Scored(index: 4));
            await producer.ProducePairAsync(Samples.Pair());
            await producer.ProduceDeadLetterAsync(Samples.DeadLetter());
            await producer.ProduceControlAsync(Samples.Started(3));
            await producer.ProduceControlAsync(Samples.Complete(3));
            await producer.ProduceControlAsync(Samples.Checkpoint(3));
        }

        AssertSingle(env, kafka.Topics.Prompts, KafkaRecordTypes.Prompt, Samples.Prompt(), "p1");
        AssertSingle(env, kafka.Topics.Candidates(3), KafkaRecordTypes.Candidate, Samples.Candidate(index: 4), "p1#r3c4");
        AssertSingle(env, kafka.Topics.Verdicts(3), KafkaRecordTypes.ScoredCandidate, Samples.Scored(index: 4), "p1#r3c4");
        AssertSingle(env, kafka.Topics.Pairs(3), KafkaRecordTypes.PreferencePair, Samples.Pair(), "p1#r3:0>1");
        AssertSingle(env, kafka.Topics.DeadLetters, KafkaRecordTypes.DeadLetter, Samples.DeadLetter(), KafkaRecordTypes.DeadLetter.IdOf(Samples.DeadLetter()));
        var control = env.CreateReader().ReadRaw(kafka.Topics.Control, env.GetEndOffsets(kafka.Topics.Control)).ToList();
        Assert.Equal(["r0003.started", "r0003.generation-complete", "r0003.checkpoint-published"], control.Select(c => c.Message.Key));
        Assert.IsType<Schemas.Control.RoundGenerationComplete>(ControlTopicReader.Decode(control[1]));
    }

    [Fact]
    public async Task ProducePromptAsync_ImageOverInlineLimit_TravelsByReference()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 1);
        await kafka.Environment.EnsureBaseTopicsAsync();
        using (var producer = kafka.Environment.CreateProducer(kafka.Options with { InlineImageMaxBytes = 2 }))
            await producer.ProducePromptAsync(Samples.Prompt());
        var read = kafka.Environment.CreateReader()
            .Read(kafka.Topics.Prompts, KafkaRecordTypes.Prompt, kafka.Environment.GetEndOffsets(kafka.Topics.Prompts)).Single();
        Assert.Null(read.Image.Bytes);
        Assert.Equal(Samples.Prompt().Image.Sha256, read.Image.Sha256);
        Assert.Equal("file:///img/1.png", read.Image.Uri);
    }

    [Fact]
    public async Task Produce_BrokerDownForSecondsMidProduce_EverythingArrivesOnce()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 3);
        var env = kafka.Environment;
        var topic = kafka.Topics.Pairs(1);
        await env.EnsureTopicsAsync([topic]);
        // The embedded broker keeps about 5 MB per partition; a small pair is about 6.7 KB of Arrow IPC.
        const int total = 1500;
        var failures = 0;
        using (var producer = env.CreateProducer())
        {
            for (var i = 0; i < total; i++)
            {
                producer.Produce(topic, KafkaRecordTypes.PreferencePair, Samples.Pair($"p{i}", round: 1), r =>
                {
                    if (r.Error.IsError) Interlocked.Increment(ref failures);
                });
                if (i == total / 3)
                {
                    kafka.Cluster.SetBrokerDown(1);
                    _ = Task.Delay(3000).ContinueWith(_ => kafka.Cluster.SetBrokerUp(1), TaskScheduler.Default);
                }
                if (i % 200 == 0) await Task.Delay(20);
            }
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));
        }
        Assert.Equal(0, failures);
        var ends = env.GetEndOffsets(topic);
        var raw = env.CreateReader().ReadRaw(topic, ends).ToList();
        var ids = raw.Select(m => MessageEnvelope.Read(m).Id!).ToList();
        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task TrackedConsumer_RestartAfterOutOfOrderCompletion_ResumesAtFirstUnfinished()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 1);
        var env = kafka.Environment;
        await env.EnsureBaseTopicsAsync();
        using (var producer = env.CreateProducer())
            for (var i = 0; i < 10; i++) await producer.ProducePromptAsync(Samples.Prompt($"p{i}"));

        using (var consumer = env.CreateConsumer("generators-r0", [kafka.Topics.Prompts]))
        {
            var taken = ConsumeN(consumer, 10);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), taken.Select(m => m.Result.Offset.Value));
            foreach (var i in new[] { 6, 0, 2, 1, 3, 5 }) consumer.MarkDone(taken[i]);
            var committed = consumer.CommitDone();
            Assert.Equal(4, committed.Single().Offset.Value);
            consumer.MarkDone(taken[9]);
            consumer.Close();
        }

        using (var restarted = env.CreateConsumer("generators-r0", [kafka.Topics.Prompts]))
        {
            var again = ConsumeN(restarted, 6);
            Assert.Equal([4L, 5, 6, 7, 8, 9], again.Select(m => m.Result.Offset.Value));
            Assert.Equal("p4", again[0].Decode(KafkaRecordTypes.Prompt).Id);
            restarted.Close();
        }
    }

    [Fact]
    public async Task TwoConsumersInOneGroup_SplitPartitions_NoMessageTwice()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 4);
        var env = kafka.Environment;
        await env.EnsureBaseTopicsAsync();
        using var a = env.CreateConsumer("generators-split", [kafka.Topics.Prompts]);
        using var b = env.CreateConsumer("generators-split", [kafka.Topics.Prompts]);
        var seen = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        async ValueTask Handle(string who, TrackedConsumer c, ConsumedMessage m)
        {
            seen.GetOrAdd(who, _ => []).Add(m.Key!);
            c.MarkDone(m);
            await Task.Yield();
        }

        var runA = a.RunAsync((m, _) => Handle("a", a, m), stop.Token);
        var runB = b.RunAsync((m, _) => Handle("b", b, m), stop.Token);
        while (!stop.IsCancellationRequested && (a.Assignment.Count == 0 || b.Assignment.Count == 0 || a.Assignment.Count + b.Assignment.Count != 4))
            await Task.Delay(100);
        Assert.Equal(4, a.Assignment.Count + b.Assignment.Count);
        Assert.Empty(a.Assignment.Intersect(b.Assignment));

        const int total = 200;
        using (var producer = env.CreateProducer())
            await Task.WhenAll(Enumerable.Range(0, total).Select(i => producer.ProducePromptAsync(Samples.Prompt($"p{i}"))));
        while (!stop.IsCancellationRequested && seen.Values.Sum(v => v.Count) < total) await Task.Delay(50);
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(runA, runB);

        var fromA = seen.GetValueOrDefault("a")?.ToHashSet() ?? [];
        var fromB = seen.GetValueOrDefault("b")?.ToHashSet() ?? [];
        Assert.NotEmpty(fromA);
        Assert.NotEmpty(fromB);
        Assert.Empty(fromA.Intersect(fromB));
        Assert.Equal(total, fromA.Count + fromB.Count);
        Assert.Equal(total, seen.Values.Sum(v => v.Count));
    }

    internal static List<ConsumedMessage> ConsumeN(TrackedConsumer consumer, int n)
    {
        var result = new List<ConsumedMessage>();
        var deadline = Environment.TickCount64 + 30_000;
        while (result.Count < n && Environment.TickCount64 < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } m) result.Add(m);
        Assert.Equal(n, result.Count);
        return result;
    }

    private static void AssertSingle<T>(KafkaEnvironment env, string topic, KafkaRecordType<T> type, T expected, string id)
    {
        var raw = env.CreateReader().ReadRaw(topic, env.GetEndOffsets(topic)).Single();
        var envelope = MessageEnvelope.Read(raw);
        Assert.Equal(type.RecordName, envelope.RecordName);
        Assert.Equal(type.Layout.Version, envelope.SchemaVersion);
        Assert.Equal(id, envelope.Id);
        Assert.Equal(type.KeyOf(expected), raw.Message.Key);
        Assert.Equal(ArrowIpc.Encode(type.Layout, expected), ArrowIpc.Encode(type.Layout, type.Decode(raw)));
    }
}
