using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>
/// <c>rlaifv topic dump TOPIC</c>: prints a topic as JSON lines, one per message, with topic, partition,
/// offset, timestamp, key, headers and the record decoded generically from the Arrow schema it carries
/// (<c>"record"</c> for a message of one record, <c>"records"</c>, an array, for a message holding a prompt's
/// batch — one with an <c>rlaifv-rows</c> header — or any other number of rows), so it works for every record
/// type. A value that is not Arrow IPC is printed as <c>"error"</c> plus <c>"value_base64"</c>.
/// </summary>
public static class TopicDump
{
    /// <summary>Binary values longer than this print as length + sha256 instead of base64.</summary>
    public const int DefaultMaxBinaryBytes = 256;

    /// <summary>
    /// Prints every message of <paramref name="topic"/> up to its current end to <paramref name="output"/>;
    /// returns the number of messages printed.
    /// </summary>
    public static long Write(TextWriter output, KafkaEnvironment environment, string topic, long? limit = null, CancellationToken cancellationToken = default)
    {
        var end = environment.GetEndOffsets(topic);
        long count = 0;
        foreach (var message in environment.CreateReader().ReadRaw(topic, end, null, cancellationToken))
        {
            if (limit is { } l && count >= l) break;
            output.WriteLine(FormatLine(message));
            count++;
        }
        output.Flush();
        return count;
    }

    /// <summary>One message as one JSON line.</summary>
    public static string FormatLine(ConsumeResult<string, byte[]> message, int maxBinaryBytes = DefaultMaxBinaryBytes)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("topic", message.Topic);
            w.WriteNumber("partition", message.Partition.Value);
            w.WriteNumber("offset", message.Offset.Value);
            w.WriteString("timestamp", message.Message.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            if (message.Message.Key is null) w.WriteNull("key");
            else w.WriteString("key", message.Message.Key);
            w.WriteStartObject("headers");
            foreach (var h in message.Message.Headers ?? [])
                w.WriteString(h.Key, Encoding.UTF8.GetString(h.GetValueBytes()));
            w.WriteEndObject();
            var batch = message.Message.Headers?.TryGetLastBytes(MessageHeaders.Rows, out _) == true;
            WriteValue(w, message.Message.Value, batch, maxBinaryBytes);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter w, byte[]? value, bool batch, int maxBinaryBytes)
    {
        if (value is null)
        {
            w.WriteNull("record");
            return;
        }
        // Decode into a scratch buffer first, so a corrupt value never leaves half an object behind.
        using var scratch = new MemoryStream();
        try
        {
            using (var s = new Utf8JsonWriter(scratch))
            {
                s.WriteStartObject();
                ArrowJson.WriteRecords(s, value, batch, maxBinaryBytes);
                s.WriteEndObject();
            }
            using var doc = JsonDocument.Parse(scratch.ToArray());
            foreach (var property in doc.RootElement.EnumerateObject()) property.WriteTo(w);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            w.WriteString("error", $"value is not an Arrow IPC stream: {e.Message}");
            w.WriteBase64String("value_base64", value);
        }
    }
}
