using System.Text;
using Confluent.Kafka;
using RlaifV.Schemas;
using RlaifV.Schemas.Arrow;

namespace RlaifV.Kafka.Tests;

public class EnvelopeTests
{
    internal static ConsumeResult<string, byte[]> AsConsumed(Message<string, byte[]> message, string topic = "rlaifv.r0003.pairs", int partition = 0, long offset = 0) => new()
    {
        Topic = topic,
        Partition = new Partition(partition),
        Offset = new Offset(offset),
        Message = message,
    };

    [Fact]
    public void ToMessage_Pair_KeyIsPromptIdAndHeadersCarryNameVersionId()
    {
        var pair = Samples.Pair();
        var message = KafkaRecordTypes.PreferencePair.ToMessage(pair);
        Assert.Equal("p1", message.Key);
        var envelope = MessageEnvelope.Read(message.Key, message.Headers);
        Assert.Equal(new MessageEnvelope("p1", "preference_pair", 1, "p1#r3:0>1"), envelope);
        Assert.True(envelope.IsComplete);
    }

    [Fact]
    public void ToMessage_EachRecordType_DecodesBackToTheSameBytes()
    {
        AssertRoundTrip(KafkaRecordTypes.Prompt, Samples.Prompt(), "p1", "p1");
        AssertRoundTrip(KafkaRecordTypes.Candidate, Samples.Candidate(index: 2), "p1", "p1#r3c2");
        AssertRoundTrip(KafkaRecordTypes.ScoredCandidate, Samples.Scored(index: 1), "p1", "p1#r3c1");
        AssertRoundTrip(KafkaRecordTypes.PreferencePair, Samples.Pair(), "p1", "p1#r3:0>1");
        AssertRoundTrip(KafkaRecordTypes.DeadLetter, Samples.DeadLetter(), "p9", null);
        AssertRoundTrip(KafkaRecordTypes.RoundStarted, Samples.Started(3), "r0003.started", "r0003.started");
        AssertRoundTrip(KafkaRecordTypes.RoundGenerationComplete, Samples.Complete(3), "r0003.generation-complete", "r0003.generation-complete");
        AssertRoundTrip(KafkaRecordTypes.CheckpointPublished, Samples.Checkpoint(3), "r0003.checkpoint-published", "r0003.checkpoint-published");
    }

    [Fact]
    public void Decode_WrongRecordHeader_ThrowsInvalidData()
    {
        var message = KafkaRecordTypes.Candidate.ToMessage(Samples.Candidate());
        var e = Assert.Throws<InvalidDataException>(() => KafkaRecordTypes.PreferencePair.Decode(AsConsumed(message)));
        Assert.Contains("'candidate'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_GarbageValue_ThrowsInvalidData()
    {
        var message = KafkaRecordTypes.Prompt.ToMessage(Samples.Prompt());
        message.Value = Encoding.UTF8.GetBytes("{\"id\": \"not arrow\"}");
        Assert.Throws<InvalidDataException>(() => KafkaRecordTypes.Prompt.Decode(AsConsumed(message)));
    }

    [Fact]
    public void Read_NoHeaders_IsIncomplete()
    {
        var envelope = MessageEnvelope.Read("k", null);
        Assert.False(envelope.IsComplete);
        Assert.Null(envelope.RecordName);
        Assert.Null(envelope.SchemaVersion);
    }

    [Fact]
    public void DeadLetterId_SameRejection_SameIdAndOtherInput_OtherId()
    {
        var a = KafkaRecordTypes.DeadLetter.IdOf(Samples.DeadLetter());
        var b = KafkaRecordTypes.DeadLetter.IdOf(Samples.DeadLetter() with { At = DateTimeOffset.UnixEpoch });
        var c = KafkaRecordTypes.DeadLetter.IdOf(Samples.DeadLetter() with { Input = "other" });
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.StartsWith("dlq-", a, StringComparison.Ordinal);
    }

    [Fact]
    public void ForWire_ImageOverLimitWithUri_TravelsByReference()
    {
        var policy = new ImageInlinePolicy(3);
        var small = ImageRef.Inline([1, 2, 3], "u");
        var big = ImageRef.Inline([1, 2, 3, 4], "u");
        Assert.Same(small, policy.ForWire(small));
        var wire = policy.ForWire(big);
        Assert.Null(wire.Bytes);
        Assert.Equal(big.Sha256, wire.Sha256);
        Assert.Equal("u", wire.Uri);
    }

    [Fact]
    public void ForWire_ImageOverLimitWithoutUri_Throws()
    {
        var policy = new ImageInlinePolicy(3);
        var big = ImageRef.Inline([1, 2, 3, 4]);
        Assert.False(policy.CanSend(big));
        Assert.Throws<ArgumentException>(() => policy.ForWire(big));
    }

    [Fact]
    public void ForMessage_BinaryValue_RendersBase64WithOrigin()
    {
        var consumed = AsConsumed(new Message<string, byte[]> { Key = "p7", Value = [0, 1, 2, 255] }, "rlaifv.prompts", 2, 41);
        var dl = MessageDeadLetters.ForMessage(consumed, "ingest", DeadLetterReasons.Malformed, "bad", Samples.At);
        Assert.Equal("p7", dl.Key);
        Assert.Equal("rlaifv.prompts/2/41", dl.Origin);
        Assert.Equal("base64:AAEC/w==", dl.Input);
        Assert.Equal("{\"a\":1}", MessageDeadLetters.Render(Encoding.UTF8.GetBytes("{\"a\":1}")));
    }

    private static void AssertRoundTrip<T>(KafkaRecordType<T> type, T record, string key, string? id)
    {
        var message = type.ToMessage(record);
        Assert.Equal(key, message.Key);
        var envelope = MessageEnvelope.Read(message.Key, message.Headers);
        Assert.Equal(type.RecordName, envelope.RecordName);
        Assert.Equal(type.Layout.Version, envelope.SchemaVersion);
        if (id is not null) Assert.Equal(id, envelope.Id);
        var decoded = type.Decode(AsConsumed(message));
        Assert.Equal(message.Value, ArrowIpc.Encode(type.Layout, decoded));
    }
}
