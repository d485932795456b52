using System.Text;
using Confluent.Kafka;
using RlaifV.Schemas;

namespace RlaifV.Kafka;

/// <summary>Builds dead letters for Kafka messages a stage could not use (for example a malformed prompt).</summary>
public static class MessageDeadLetters
{
    /// <summary>Longest rendering of the rejected input kept in a dead letter.</summary>
    public const int MaxInputChars = 8 * 1024;

    /// <summary>
    /// A dead letter for <paramref name="message"/>: its key, its origin (<c>topic/partition/offset</c>) and its
    /// value rendered as text when it is printable UTF-8, else as <c>base64:</c>…, truncated to
    /// <see cref="MaxInputChars"/>.
    /// </summary>
    public static DeadLetter ForMessage(ConsumeResult<string, byte[]> message, string stage, string reason, string detail, DateTimeOffset at) => new()
    {
        Stage = stage,
        Reason = reason,
        Detail = detail,
        Key = message.Message.Key,
        Origin = $"{message.Topic}/{message.Partition.Value}/{message.Offset.Value}",
        Input = Render(message.Message.Value),
        At = at,
    };

    /// <summary>Renders a message value for a dead letter.</summary>
    public static string Render(byte[]? value)
    {
        if (value is null) return string.Empty;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(value);
            if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) text = "base64:" + Convert.ToBase64String(value);
        }
        catch (DecoderFallbackException)
        {
            text = "base64:" + Convert.ToBase64String(value);
        }
        return text.Length <= MaxInputChars ? text : text[..MaxInputChars];
    }
}
