using RlaifV.Schemas;
using RlaifV.Stages.Flow;

namespace RlaifV.Kafka.Generation;

/// <summary>
/// Dead letters to the DLQ topic, keyed by the rejected input's key, each delivered before the write
/// returns (ingest marks a rejected prompt's offset done only after its dead letter is durable). Uses a
/// producer outside any transaction, since stages write dead letters concurrently. Thread-safe.
/// </summary>
/// <param name="producer">A non-transactional producer.</param>
public sealed class KafkaDeadLetterSink(RecordProducer producer) : IDeadLetterSink
{
    private long count;

    /// <summary>Dead letters written.</summary>
    public long Count => Interlocked.Read(ref count);

    /// <inheritdoc />
    public async ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        await producer.ProduceDeadLetterAsync(letter, CancellationToken.None);
        Interlocked.Increment(ref count);
    }
}
