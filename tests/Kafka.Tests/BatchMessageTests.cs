using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using RlaifV.Schemas;
using RlaifV.Schemas.Arrow;

namespace RlaifV.Kafka.Tests;

/// <summary>A prompt's records of one topic as one message: encoding, splitting, decoding, rejection, dedupe.</summary>
public class BatchMessageTests
{
    private static IReadOnlyList<PreferencePair> PairsOf(string prompt, int round = 3, int count = 3, int textBytes = 0) =>
        Enumerable.Range(0, count).Select(i => Samples.Pair(prompt, round, chosen: i, rejected: i + 1, textBytes: textBytes)).ToList();

    [Fact]
    public void ToMessages_PromptsPairs_OneMessageWhoseRowsDecodeBackInOrder()
    {
        var pairs = PairsOf("p1");

        var message = Assert.Single(KafkaRecordTypes.PreferencePair.ToMessages(pairs, 512 * 1024));

        Assert.Equal("p1", message.Key);
        var envelope = MessageEnvelope.Read(message.Key, message.Headers);
        Assert.True(envelope.IsComplete);
        Assert.Equal(("preference_pair", 1, "p1/preference_pair"), (envelope.RecordName, envelope.SchemaVersion, envelope.Id));
        Assert.Equal("3", MessageHeaders.GetString(message.Headers, MessageHeaders.Rows));
        var rows = KafkaRecordTypes.PreferencePair.DecodeAll(EnvelopeTests.AsConsumed(message));
        Assert.Equal(pairs, rows, (a, b) => ArrowIpc.Encode(PreferencePair.Layout, a).SequenceEqual(ArrowIpc.Encode(PreferencePair.Layout, b)));
        Assert.Equal(["p1#r3:0>1", "p1#r3:1>2", "p1#r3:2>3"], rows.Select(KafkaRecordTypes.PreferencePair.IdOf));
    }

    [Fact]
    public void ToMessages_CandidatesAndVerdicts_OneMessageEachHoldingAllN()
    {
        var scored = Enumerable.Range(0, 10).Select(i => Samples.Scored("p2", i)).ToList();

        var verdicts = Assert.Single(KafkaRecordTypes.ScoredCandidate.ToMessages(scored, 512 * 1024));
        var candidates = Assert.Single(KafkaRecordTypes.Candidate.ToMessages(scored.Select(s => s.Candidate).ToList(), 512 * 1024));

        Assert.Equal(scored.Select(s => s.Candidate), KafkaRecordTypes.ScoredCandidate.DecodeAll(EnvelopeTests.AsConsumed(verdicts)).Select(s => s.Candidate));
        Assert.Equal(scored.Select(s => s.Candidate), KafkaRecordTypes.Candidate.DecodeAll(EnvelopeTests.AsConsumed(candidates)));
        Assert.Equal("p2/candidate", MessageEnvelope.Read(candidates.Key, candidates.Headers).Id);
    }

    [Fact]
    public void ToMessages_OverMaxBytes_SplitsInOrderTheSameWayEveryTime()
    {
        var pairs = PairsOf("p3", count: 5, textBytes: 3_000);

        var messages = KafkaRecordTypes.PreferencePair.ToMessages(pairs, 15_000);
        var again = KafkaRecordTypes.PreferencePair.ToMessages(pairs, 15_000);

        Assert.True(messages.Count > 1, "5 pairs of 6 KB text each should not fit in 15 KB");
        Assert.All(messages, m => Assert.True(m.Value.Length <= 15_000, $"{m.Value.Length} bytes"));
        Assert.Equal(messages.Select(m => m.Value), again.Select(m => m.Value));
        Assert.Equal(Enumerable.Range(0, messages.Count).Select(i => $"p3/preference_pair/{i}"), messages.Select(m => MessageEnvelope.Read(m.Key, m.Headers).Id));
        var rows = messages.SelectMany(m => KafkaRecordTypes.PreferencePair.DecodeAll(EnvelopeTests.AsConsumed(m))).ToList();
        Assert.Equal(pairs.Select(p => p.Id), rows.Select(p => p.Id));
        Assert.Equal(5, messages.Sum(m => int.Parse(MessageHeaders.GetString(m.Headers, MessageHeaders.Rows)!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ToMessages_OneRecordOverMaxBytes_StaysOneMessage()
    {
        var message = Assert.Single(KafkaRecordTypes.PreferencePair.ToMessages(PairsOf("p4", count: 1, textBytes: 3_000), 1_024));
        Assert.Equal("p4/preference_pair", MessageEnvelope.Read(message.Key, message.Headers).Id);
    }

    [Fact]
    public void ToMessages_RowsOfTwoPrompts_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => KafkaRecordTypes.PreferencePair.ToMessages([Samples.Pair("a"), Samples.Pair("b")], 512 * 1024));
        Assert.Contains("share a key", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => KafkaRecordTypes.PreferencePair.ToMessages([], 512 * 1024));
    }

    [Fact]
    public void DecodeAll_RowBelongingToAnotherKey_RejectedNamingRowAndKeys()
    {
        var message = Assert.Single(KafkaRecordTypes.PreferencePair.ToMessages(PairsOf("p5"), 512 * 1024));
        message.Key = "p6";

        var e = Assert.Throws<InvalidDataException>(() => KafkaRecordTypes.PreferencePair.DecodeAll(EnvelopeTests.AsConsumed(message, offset: 17)));

        Assert.Contains("keyed 'p6'", e.Message, StringComparison.Ordinal);
        Assert.Contains("row 0 belongs to 'p5'", e.Message, StringComparison.Ordinal);
        Assert.Contains("[[0]] @17", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeAll_BatchWithANullInARequiredColumnOfOneRow_RejectedNamingColumnRowAndMessage()
    {
        // A writer that got the schema wrong: prompt_id nullable, and null in row 1 of 3.
        using var good = PreferencePair.Layout.ToRecordBatch(PairsOf("p7"));
        var column = good.Schema.GetFieldIndex("prompt_id");
        var fields = good.Schema.FieldsList.Select((f, i) => i == column ? new Field(f.Name, f.DataType, nullable: true) : f);
        var arrays = good.Arrays.Select((a, i) => i == column ? new StringArray.Builder().Append("p7").AppendNull().Append("p7").Build() : a);
        using var bad = new RecordBatch(new Schema(fields, good.Schema.Metadata), arrays, 3);
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, bad.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(bad);
            writer.WriteEnd();
        }
        var message = Assert.Single(KafkaRecordTypes.PreferencePair.ToMessages(PairsOf("p7"), 512 * 1024));
        message.Value = stream.ToArray();

        var e = Assert.Throws<InvalidDataException>(() => KafkaRecordTypes.PreferencePair.DecodeAll(EnvelopeTests.AsConsumed(message, offset: 4)));

        Assert.Contains("@4", e.Message, StringComparison.Ordinal);
        Assert.Contains("'prompt_id' is null at row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeAll_TruncatedBatch_RejectedAsNotAValidStream()
    {
        var message = Assert.Single(KafkaRecordTypes.PreferencePair.ToMessages(PairsOf("p8"), 512 * 1024));
        message.Value = message.Value[..(message.Value.Length / 2)];

        var e = Assert.Throws<InvalidDataException>(() => KafkaRecordTypes.PreferencePair.DecodeAll(EnvelopeTests.AsConsumed(message)));

        Assert.Contains("'preference_pair'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_SingleRecordTypeGivenABatch_RejectedAsNotExactlyOne()
    {
        var message = Assert.Single(KafkaRecordTypes.Prompt.ToMessages([Samples.Prompt("p9"), Samples.Prompt("p9")], 512 * 1024));

        var e = Assert.Throws<InvalidDataException>(() => KafkaRecordTypes.Prompt.Decode(EnvelopeTests.AsConsumed(message, "rlaifv.prompts")));

        Assert.Contains("holds 2 'prompt' records, expected 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatLine_Batch_PrintsRecordsArrayEvenForOneRow()
    {
        foreach (var count in new[] { 1, 3 })
        {
            var message = Assert.Single(KafkaRecordTypes.PreferencePair.ToMessages(PairsOf("p1", count: count), 512 * 1024));
            using var doc = JsonDocument.Parse(TopicDump.FormatLine(EnvelopeTests.AsConsumed(message)));
            var records = doc.RootElement.GetProperty("records");
            Assert.Equal(count, records.GetArrayLength());
            Assert.Equal("p1#r3:0>1", records[0].GetProperty("pair_id").GetString());
            Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), doc.RootElement.GetProperty("headers").GetProperty(MessageHeaders.Rows).GetString());
        }
    }

    [Fact]
    public async Task Read_RedeliveredAndOverlappingBatches_YieldsEachRecordOnceByRowId()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 2);
        var env = kafka.Environment;
        await env.EnsureRoundTopicsAsync(2);
        var topic = kafka.Topics.Candidates(2);
        IReadOnlyList<Candidate> CandidatesOf(string prompt, int n = 10) => Enumerable.Range(0, n).Select(i => Samples.Candidate(prompt, i, round: 2)).ToList();
        using (var producer = env.CreateProducer())
        {
            for (var i = 0; i < 10; i++) await producer.ProduceBatchAsync(topic, KafkaRecordTypes.Candidate, CandidatesOf($"p{i}"));
            // A prompt redone after a crash produces the same batch again; a replayed one may repeat only some rows.
            await producer.ProduceBatchAsync(topic, KafkaRecordTypes.Candidate, CandidatesOf("p3"));
            await producer.ProduceBatchAsync(topic, KafkaRecordTypes.Candidate, CandidatesOf("p4", n: 12));
        }
        var stats = new BoundedReadStats();

        var candidates = env.CreateReader().Read(topic, KafkaRecordTypes.Candidate, env.GetEndOffsets(topic), stats).ToList();

        var expected = Enumerable.Range(0, 10).SelectMany(i => CandidatesOf($"p{i}")).Select(c => c.Id).Concat(["p4#r2c10", "p4#r2c11"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), candidates.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal((12L, 102L, 20L), (stats.Messages, stats.Records, stats.Duplicates));
    }

    [Fact]
    public async Task Read_MalformedBatchOnTheTopic_FailsTheReadWithTheMessagesPlace()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 1);
        var env = kafka.Environment;
        await env.EnsureRoundTopicsAsync(2);
        var topic = kafka.Topics.Pairs(2);
        using (var producer = env.CreateProducer())
        {
            await producer.ProduceBatchAsync(topic, KafkaRecordTypes.PreferencePair, PairsOf("p0", round: 2));
            var bad = KafkaRecordTypes.PreferencePair.ToMessages(PairsOf("p1", round: 2), 512 * 1024)[0];
            bad.Value = bad.Value[..100];
            await producer.ProduceAsync(topic, bad);
        }

        var e = Assert.Throws<InvalidDataException>(() => env.CreateReader().Read(topic, KafkaRecordTypes.PreferencePair, env.GetEndOffsets(topic)).ToList());

        Assert.Contains($"{topic} [[0]] @1", e.Message, StringComparison.Ordinal);
    }
}
