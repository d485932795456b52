using System.Text.Json;
using Confluent.Kafka;

namespace RlaifV.Kafka.Tests;

public class TopicDumpTests
{
    [Fact]
    public void FormatLine_Pair_PrintsEnvelopeAndNestedVerdicts()
    {
        var line = TopicDump.FormatLine(EnvelopeTests.AsConsumed(KafkaRecordTypes.PreferencePair.ToMessage(Samples.Pair()), offset: 9));
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal("rlaifv.r0003.pairs", root.GetProperty("topic").GetString());
        Assert.Equal(9, root.GetProperty("offset").GetInt64());
        Assert.Equal("p1", root.GetProperty("key").GetString());
        Assert.Equal("preference_pair", root.GetProperty("headers").GetProperty(MessageHeaders.RecordName).GetString());
        Assert.Equal("p1#r3:0>1", root.GetProperty("headers").GetProperty(MessageHeaders.Id).GetString());
        var record = root.GetProperty("record");
        Assert.Equal("p1#r3:0>1", record.GetProperty("pair_id").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("image_bytes").ValueKind);
        var verdicts = record.GetProperty("rejected_verdicts");
        Assert.Equal(2, verdicts.GetArrayLength());
        Assert.False(verdicts[1].GetProperty("accepted").GetBoolean());
        Assert.Equal(0.7, verdicts[1].GetProperty("p_no").GetDouble());
    }

    [Fact]
    public void FormatLine_EachRecordType_PrintsItsColumns()
    {
        AssertColumns(KafkaRecordTypes.Prompt.ToMessage(Samples.Prompt()), "prompt_id", "image_bytes");
        AssertColumns(KafkaRecordTypes.Candidate.ToMessage(Samples.Candidate()), "candidate_id", "seed");
        AssertColumns(KafkaRecordTypes.ScoredCandidate.ToMessage(Samples.Scored()), "verdicts", "score");
        AssertColumns(KafkaRecordTypes.DeadLetter.ToMessage(Samples.DeadLetter()), "reason", "at");
        AssertColumns(KafkaRecordTypes.RoundStarted.ToMessage(Samples.Started(1)), "prompt_end_offsets", "policy_sha256");
        AssertColumns(KafkaRecordTypes.RoundGenerationComplete.ToMessage(Samples.Complete(1)), "end_offsets", "pair_count");
        AssertColumns(KafkaRecordTypes.CheckpointPublished.ToMessage(Samples.Checkpoint(1)), "uri", "sha256");
    }

    [Fact]
    public void FormatLine_InlineImage_PrintsBase64AndLongBinaryAsHash()
    {
        using var small = JsonDocument.Parse(TopicDump.FormatLine(EnvelopeTests.AsConsumed(KafkaRecordTypes.Prompt.ToMessage(Samples.Prompt()))));
        Assert.Equal("AQIDBA==", small.RootElement.GetProperty("record").GetProperty("image_bytes").GetString());
        using var big = JsonDocument.Parse(TopicDump.FormatLine(EnvelopeTests.AsConsumed(KafkaRecordTypes.Prompt.ToMessage(Samples.Prompt())), maxBinaryBytes: 2));
        Assert.Equal(4, big.RootElement.GetProperty("record").GetProperty("image_bytes").GetProperty("length").GetInt32());
    }

    [Fact]
    public void FormatLine_NotArrow_PrintsErrorAndBase64()
    {
        var line = TopicDump.FormatLine(EnvelopeTests.AsConsumed(new Message<string, byte[]> { Key = "k", Value = [1, 2, 3] }));
        using var doc = JsonDocument.Parse(line);
        Assert.True(doc.RootElement.TryGetProperty("error", out _));
        Assert.Equal("AQID", doc.RootElement.GetProperty("value_base64").GetString());
        Assert.False(doc.RootElement.TryGetProperty("record", out _));
    }

    private static void AssertColumns(Message<string, byte[]> message, params string[] columns)
    {
        using var doc = JsonDocument.Parse(TopicDump.FormatLine(EnvelopeTests.AsConsumed(message)));
        var record = doc.RootElement.GetProperty("record");
        foreach (var c in columns) Assert.True(record.TryGetProperty(c, out _), $"column {c} missing in {record}");
    }
}
