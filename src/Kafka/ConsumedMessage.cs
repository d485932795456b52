using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>
/// One message taken from a <see cref="TrackedConsumer"/>: the raw message, its envelope, and the token to
/// mark it done once every output made from it is produced.
/// </summary>
public sealed class ConsumedMessage
{
    /// <summary>Wraps a consume result and its tracker token.</summary>
    public ConsumedMessage(ConsumeResult<string, byte[]> result, OffsetToken token)
    {
        Result = result;
        Token = token;
        Envelope = MessageEnvelope.Read(result);
    }

    /// <summary>The consume result as Confluent.Kafka returned it.</summary>
    public ConsumeResult<string, byte[]> Result { get; }

    /// <summary>The token for <see cref="TrackedConsumer.MarkDone(OffsetToken)"/>.</summary>
    public OffsetToken Token { get; }

    /// <summary>Key and headers.</summary>
    public MessageEnvelope Envelope { get; }

    /// <summary>The message key (prompt id).</summary>
    public string? Key => Result.Message.Key;

    /// <summary>The raw value (an Arrow IPC stream for well-formed messages).</summary>
    public byte[] Value => Result.Message.Value;

    /// <summary>Where the message came from: <c>topic/partition/offset</c> (for dead letters and logs).</summary>
    public string Origin => $"{Result.Topic}/{Result.Partition.Value}/{Result.Offset.Value}";

    /// <summary>Decodes the value as <typeparamref name="T"/>, checking the record-name header.</summary>
    /// <exception cref="InvalidDataException">The message is not a well-formed record of that type.</exception>
    public T Decode<T>(KafkaRecordType<T> type) => type.Decode(Result);
}
