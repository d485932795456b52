using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>
/// Follows the control topic with one long-lived reader (no group, no commits) and keeps its state folded: what a
/// long-running role polls while it waits for a round to open, complete or be trained. Cheaper than
/// <see cref="ControlTopicReader"/> (which reads the whole topic each time), and as fresh as the broker's fetch: a record
/// written a moment ago may show up on the next poll. Use it from one thread.
/// </summary>
public sealed class ControlFollower : IDisposable
{
    private readonly IConsumer<string, byte[]> consumer;
    private ControlState state = ControlState.Empty;

    /// <summary>Starts following <paramref name="environment"/>'s control topic from its beginning.</summary>
    public ControlFollower(KafkaEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        consumer = new ConsumerBuilder<string, byte[]>(ClientConfigs.Reader(environment.Options, environment.BootstrapServers)).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(new TopicPartitionOffset(environment.Topics.Control, 0, Offset.Beginning));
    }

    /// <summary>
    /// Applies the records that arrived; waits up to <paramref name="wait"/> for one when none is there. Returns the state.
    /// </summary>
    /// <exception cref="InvalidDataException">A message on the control topic is not a control record.</exception>
    public ControlState Poll(TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (!cancellationToken.IsCancellationRequested)
        {
            var left = deadline - DateTime.UtcNow;
            ConsumeResult<string, byte[]>? message;
            try
            {
                message = consumer.Consume(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (ConsumeException)
            {
                return state; // the topic is not there yet, or the broker is away: the caller polls again
            }
            if (message is null || message.IsPartitionEOF) break;
            state = state.Apply(ControlTopicReader.Decode(message));
            if (left <= TimeSpan.Zero) break;
        }
        return state;
    }

    /// <summary>Closes the reader.</summary>
    public void Dispose()
    {
        consumer.Close();
        consumer.Dispose();
    }
}
