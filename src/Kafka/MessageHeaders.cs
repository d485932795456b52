using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>
/// The headers every RlaifV message carries: the record name, its schema version, and the deterministic id
/// of the message (a record's id, or a prompt's batch of records). Consumers drop duplicates by the id
/// each record carries inside it (candidate id, pair id, ...).
/// </summary>
public static class MessageHeaders
{
    /// <summary>The record's wire name, for example <c>preference_pair</c>.</summary>
    public const string RecordName = "rlaifv-record";

    /// <summary>The record's schema version (decimal).</summary>
    public const string SchemaVersion = "rlaifv-schema-version";

    /// <summary>
    /// The record's deterministic id; on a message holding one prompt's records of a topic,
    /// <c>{prompt id}/{record name}</c> (with <c>/{part}</c> when they were split over several messages).
    /// </summary>
    public const string Id = "rlaifv-id";

    /// <summary>On a message holding one prompt's records of a topic: how many records it holds (decimal).</summary>
    public const string Rows = "rlaifv-rows";

    /// <summary>Builds the three headers.</summary>
    public static Headers Create(string recordName, int schemaVersion, string id) => new()
    {
        { RecordName, Encoding.UTF8.GetBytes(recordName) },
        { SchemaVersion, Encoding.UTF8.GetBytes(schemaVersion.ToString(CultureInfo.InvariantCulture)) },
        { Id, Encoding.UTF8.GetBytes(id) },
    };

    /// <summary>The last value of header <paramref name="key"/> as UTF-8 text, or null when absent.</summary>
    public static string? GetString(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
