using RlaifV.Schemas;

namespace RlaifV.Stages.Flow;

/// <summary>Where dead letters go (a JSONL file, a Kafka DLQ topic, ...). Implementations are thread-safe.</summary>
public interface IDeadLetterSink
{
    /// <summary>Records one dead letter durably enough for the sink's guarantees.</summary>
    ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken);
}
