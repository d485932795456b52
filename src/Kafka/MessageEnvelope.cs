using System.Globalization;
using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>
/// What a message says about itself, read from its key and headers without decoding the value.
/// </summary>
/// <param name="Key">The message key (the prompt id), or null.</param>
/// <param name="RecordName">The <c>rlaifv-record</c> header, or null when missing.</param>
/// <param name="SchemaVersion">The <c>rlaifv-schema-version</c> header, or null when missing or not a number.</param>
/// <param name="Id">The <c>rlaifv-id</c> header, or null when missing.</param>
public sealed record MessageEnvelope(string? Key, string? RecordName, int? SchemaVersion, string? Id)
{
    /// <summary>True when all three headers are present.</summary>
    public bool IsComplete => RecordName is not null && SchemaVersion is not null && Id is not null;

    /// <summary>Reads the envelope of a message.</summary>
    public static MessageEnvelope Read(string? key, Headers? headers)
    {
        var version = MessageHeaders.GetString(headers, MessageHeaders.SchemaVersion);
        return new MessageEnvelope(
            key,
            MessageHeaders.GetString(headers, MessageHeaders.RecordName),
            int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null,
            MessageHeaders.GetString(headers, MessageHeaders.Id));
    }

    /// <summary>Reads the envelope of a consumed message.</summary>
    public static MessageEnvelope Read(ConsumeResult<string, byte[]> result) => Read(result.Message.Key, result.Message.Headers);
}
