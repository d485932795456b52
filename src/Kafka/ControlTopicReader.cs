using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>
/// Reads the control topic from the beginning to its current end and folds it into a
/// <see cref="ControlState"/>: the latest state of every round. A generator calls it at start-up and
/// whenever it looks for a new round's policy.
/// </summary>
public sealed class ControlTopicReader
{
    private readonly KafkaEnvironment environment;

    /// <summary>Creates a reader of <paramref name="environment"/>'s control topic.</summary>
    public ControlTopicReader(KafkaEnvironment environment) => this.environment = environment;

    /// <summary>Reads the control topic as it is now.</summary>
    /// <exception cref="InvalidDataException">A message on the control topic is not a control record.</exception>
    public ControlState ReadState(CancellationToken cancellationToken = default)
    {
        var topic = environment.Topics.Control;
        var end = environment.GetEndOffsets(topic);
        return environment.CreateReader().ReadRaw(topic, end, null, cancellationToken)
            .Aggregate(ControlState.Empty, (state, message) => state.Apply(Decode(message)));
    }

    /// <summary>Decodes a control-topic message into its record, dispatching on the <c>rlaifv-record</c> header.</summary>
    /// <exception cref="InvalidDataException">Not a control record.</exception>
    public static object Decode(ConsumeResult<string, byte[]> message)
    {
        var name = MessageHeaders.GetString(message.Message.Headers, MessageHeaders.RecordName);
        if (name == KafkaRecordTypes.RoundStarted.RecordName) return KafkaRecordTypes.RoundStarted.Decode(message);
        if (name == KafkaRecordTypes.RoundGenerationComplete.RecordName) return KafkaRecordTypes.RoundGenerationComplete.Decode(message);
        if (name == KafkaRecordTypes.CheckpointPublished.RecordName) return KafkaRecordTypes.CheckpointPublished.Decode(message);
        throw new InvalidDataException($"control message at {message.TopicPartitionOffset} holds '{name ?? "(no rlaifv-record header)"}', not a control record");
    }
}
