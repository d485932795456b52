using System.Globalization;
using Confluent.Kafka;
using RlaifV.Schemas.Arrow;

namespace RlaifV.Kafka;

/// <summary>
/// How one record type travels on Kafka: its Arrow layout (the value is an Arrow IPC stream of one record
/// batch), the message key (the prompt id) and the deterministic id of a record. A message holds either
/// one record (<see cref="ToMessage"/>: prompts, pairs, dead letters, control records; header
/// <c>rlaifv-id</c> = the record's id) or the records of one prompt for one topic (<see cref="ToMessages"/>:
/// a prompt's candidates, its verdicts; header <c>rlaifv-id</c> = <c>{prompt id}/{record name}</c>,
/// <c>rlaifv-rows</c> = the row count). Every row keeps its own id inside the record, and readers drop
/// repeated rows by that id.
/// Instances for every RlaifV record live in <see cref="KafkaRecordTypes"/>.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class KafkaRecordType<T>
{
    private readonly Func<T, string> keyOf;
    private readonly Func<T, string> idOf;

    /// <summary>Creates a record type.</summary>
    /// <param name="layout">The record's Arrow layout (its name and version go to the headers).</param>
    /// <param name="keyOf">The message key of a record.</param>
    /// <param name="idOf">The deterministic id of a record.</param>
    public KafkaRecordType(RecordLayout<T> layout, Func<T, string> keyOf, Func<T, string> idOf)
    {
        Layout = layout;
        this.keyOf = keyOf;
        this.idOf = idOf;
    }

    /// <summary>The Arrow layout.</summary>
    public RecordLayout<T> Layout { get; }

    /// <summary>The record's wire name.</summary>
    public string RecordName => Layout.RecordName;

    /// <summary>The message key of <paramref name="record"/>.</summary>
    public string KeyOf(T record) => keyOf(record);

    /// <summary>The deterministic id of <paramref name="record"/>.</summary>
    public string IdOf(T record) => idOf(record);

    /// <summary>The message for <paramref name="record"/>: key, Arrow IPC value, and the three headers.</summary>
    public Message<string, byte[]> ToMessage(T record) => new()
    {
        Key = keyOf(record),
        Value = ArrowIpc.Encode(Layout, record),
        Headers = MessageHeaders.Create(Layout.RecordName, Layout.Version, idOf(record)),
    };

    /// <summary>
    /// The messages for <paramref name="rows"/>, which must all have the same key (one prompt's records of
    /// one topic): one message whose value is a record batch of all rows, or, when that value would exceed
    /// <paramref name="maxValueBytes"/>, the rows split in halves (in order) until each part fits or is a
    /// single row. The split depends only on the rows, so a redelivered prompt produces the same messages.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or rows with different keys.</exception>
    public IReadOnlyList<Message<string, byte[]>> ToMessages(IReadOnlyList<T> rows, int maxValueBytes)
    {
        if (rows.Count == 0) throw new ArgumentException($"no '{RecordName}' records to produce", nameof(rows));
        var key = keyOf(rows[0]);
        for (var i = 1; i < rows.Count; i++)
        {
            if (keyOf(rows[i]) != key)
                throw new ArgumentException($"'{RecordName}' records of one message must share a key: row {i} has '{keyOf(rows[i])}', row 0 '{key}'", nameof(rows));
        }
        var parts = new List<(IReadOnlyList<T> Rows, byte[] Value)>();
        Split(rows, maxValueBytes, parts);
        var messages = new List<Message<string, byte[]>>(parts.Count);
        for (var p = 0; p < parts.Count; p++)
        {
            var id = parts.Count == 1 ? $"{key}/{RecordName}" : string.Create(CultureInfo.InvariantCulture, $"{key}/{RecordName}/{p}");
            var headers = MessageHeaders.Create(Layout.RecordName, Layout.Version, id);
            headers.Add(MessageHeaders.Rows, System.Text.Encoding.UTF8.GetBytes(parts[p].Rows.Count.ToString(CultureInfo.InvariantCulture)));
            messages.Add(new Message<string, byte[]> { Key = key, Value = parts[p].Value, Headers = headers });
        }
        return messages;
    }

    /// <summary>
    /// Decodes a message value holding exactly one record of this type.
    /// </summary>
    /// <exception cref="InvalidDataException">The value is not an Arrow IPC stream of one such record.</exception>
    public T Decode(ReadOnlyMemory<byte> value)
    {
        var rows = DecodeRows(value);
        return rows.Count == 1
            ? rows[0]
            : throw new InvalidDataException($"message value holds {rows.Count} '{RecordName}' records, expected 1");
    }

    /// <summary>
    /// Decodes a consumed message holding exactly one record, after checking its <c>rlaifv-record</c>
    /// header names this type.
    /// </summary>
    /// <exception cref="InvalidDataException">Wrong or missing header, or an undecodable value, or not exactly one record.</exception>
    public T Decode(ConsumeResult<string, byte[]> result)
    {
        CheckHeader(result);
        return Decode(result.Message.Value);
    }

    /// <summary>
    /// Every record of a consumed message (one record, or a prompt's batch), in order, after checking its
    /// <c>rlaifv-record</c> header names this type and that every record belongs to the message's key. A
    /// message that fails any check is rejected as a whole.
    /// </summary>
    /// <exception cref="InvalidDataException">Wrong or missing header, an undecodable value or row, or a row whose key is not the message's.</exception>
    public IReadOnlyList<T> DecodeAll(ConsumeResult<string, byte[]> result)
    {
        CheckHeader(result);
        IReadOnlyList<T> rows;
        try
        {
            rows = DecodeRows(result.Message.Value);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"message at {result.TopicPartitionOffset}: {e.Message}", e);
        }
        if (result.Message.Key is { } key)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (keyOf(rows[i]) != key)
                    throw new InvalidDataException($"message at {result.TopicPartitionOffset} is keyed '{key}' but its '{RecordName}' row {i} belongs to '{keyOf(rows[i])}'");
            }
        }
        return rows;
    }

    /// <summary>Every record of a message value, in order.</summary>
    /// <exception cref="InvalidDataException">The value is not an Arrow IPC stream of such records.</exception>
    public IReadOnlyList<T> DecodeRows(ReadOnlyMemory<byte> value)
    {
        try
        {
            return ArrowIpc.Decode(Layout, value);
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or IndexOutOfRangeException or InvalidCastException or OverflowException)
        {
            throw new InvalidDataException($"message value is not a valid '{RecordName}' Arrow IPC stream: {e.Message}", e);
        }
    }

    private void CheckHeader(ConsumeResult<string, byte[]> result)
    {
        var name = MessageHeaders.GetString(result.Message.Headers, MessageHeaders.RecordName);
        if (name != RecordName)
            throw new InvalidDataException($"message at {result.TopicPartitionOffset} holds '{name ?? "(no rlaifv-record header)"}', expected '{RecordName}'");
    }

    private void Split(IReadOnlyList<T> rows, int maxValueBytes, List<(IReadOnlyList<T> Rows, byte[] Value)> parts)
    {
        var value = ArrowIpc.Encode(Layout, rows);
        if (value.Length <= maxValueBytes || rows.Count == 1)
        {
            parts.Add((rows, value));
            return;
        }
        var half = (rows.Count + 1) / 2;
        Split(rows.Take(half).ToList(), maxValueBytes, parts);
        Split(rows.Skip(half).ToList(), maxValueBytes, parts);
    }
}
