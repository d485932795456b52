using Confluent.Kafka;
using RlaifV.Schemas.Arrow;

namespace RlaifV.Kafka;

/// <summary>
/// How one record type travels on Kafka: its Arrow layout (the value is an Arrow IPC stream of one
/// record), the message key (the prompt id) and the deterministic id written to the <c>rlaifv-id</c>
/// header. Instances for every RlaifV record live in <see cref="KafkaRecordTypes"/>.
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
    /// Decodes a message value holding exactly one record of this type.
    /// </summary>
    /// <exception cref="InvalidDataException">The value is not an Arrow IPC stream of one such record.</exception>
    public T Decode(ReadOnlyMemory<byte> value)
    {
        IReadOnlyList<T> rows;
        try
        {
            rows = ArrowIpc.Decode(Layout, value);
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or IndexOutOfRangeException or InvalidCastException or OverflowException)
        {
            throw new InvalidDataException($"message value is not a valid '{RecordName}' Arrow IPC stream: {e.Message}", e);
        }
        return rows.Count == 1
            ? rows[0]
            : throw new InvalidDataException($"message value holds {rows.Count} '{RecordName}' records, expected 1");
    }

    /// <summary>
    /// Decodes a consumed message after checking its <c>rlaifv-record</c> header names this type.
    /// </summary>
    /// <exception cref="InvalidDataException">Wrong or missing header, or an undecodable value.</exception>
    public T Decode(ConsumeResult<string, byte[]> result)
    {
        var name = MessageHeaders.GetString(result.Message.Headers, MessageHeaders.RecordName);
        if (name != RecordName)
            throw new InvalidDataException($"message at {result.TopicPartitionOffset} holds '{name ?? "(no rlaifv-record header)"}', expected '{RecordName}'");
        return Decode(result.Message.Value);
    }
}
