using RlaifV.Schemas.Control;

namespace RlaifV.Kafka.Generation;

/// <summary>
/// Makes the order in which a bounded round's prompts leave the consumer independent of fetch timing (deterministic
/// runs): the round's range is handed out partition by partition, in partition order, each in offset order. Every
/// assigned partition but the current one is paused; a message of another partition that was fetched before its pause
/// took effect waits in a small queue of its own until its partition's turn. Used from the consumer's poll thread only.
/// </summary>
public sealed class PartitionOrder
{
    private readonly TrackedConsumer consumer;
    private readonly string topic;
    private readonly List<(int Partition, long End)> order;
    private readonly Dictionary<int, long> next;
    private readonly Dictionary<int, Queue<ConsumedMessage>> waiting = [];
    private int current;
    private int pausedFor = -1;

    /// <summary>Creates the order over the range [<paramref name="starts"/>, <paramref name="ends"/>) of <paramref name="topic"/>.</summary>
    /// <param name="consumer">The group consumer of the topic.</param>
    /// <param name="topic">The prompts topic.</param>
    /// <param name="starts">Where the group resumes, per partition (its committed offsets; missing: 0).</param>
    /// <param name="ends">The range's end offsets (exclusive).</param>
    public PartitionOrder(TrackedConsumer consumer, string topic, IReadOnlyDictionary<int, long> starts, IReadOnlyList<PartitionOffset> ends)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(ends);
        this.consumer = consumer;
        this.topic = topic;
        next = ends.ToDictionary(e => e.Partition, e => Math.Max(0, starts.GetValueOrDefault(e.Partition)));
        order = ends.Where(e => e.Offset > next[e.Partition]).OrderBy(e => e.Partition).Select(e => (e.Partition, e.Offset)).ToList();
    }

    /// <summary>The next message in order, or null when none is ready yet (or the range is read).</summary>
    public ConsumedMessage? Next(TimeSpan poll)
    {
        while (current < order.Count && next[order[current].Partition] >= order[current].End) current++;
        if (current >= order.Count)
        {
            consumer.Consume(poll); // keep polling (commits, group heartbeats) while the caller sees the end
            return null;
        }
        var partition = order[current].Partition;
        if (waiting.TryGetValue(partition, out var queue) && queue.Count > 0) return Take(queue.Dequeue());
        Steer(partition);
        var message = consumer.Consume(poll);
        if (message is null) return null;
        var from = message.Result.Partition.Value;
        if (from == partition) return Take(message);
        if (!waiting.TryGetValue(from, out var other)) waiting[from] = other = new Queue<ConsumedMessage>();
        other.Enqueue(message);
        return null;
    }

    private ConsumedMessage Take(ConsumedMessage message)
    {
        var partition = message.Result.Partition.Value;
        next[partition] = Math.Max(next.GetValueOrDefault(partition), message.Result.Offset.Value + 1);
        return message;
    }

    /// <summary>Pauses every assigned partition of the topic but <paramref name="partition"/> (again when the assignment grew).</summary>
    private void Steer(int partition)
    {
        var assigned = consumer.Assignment.Where(a => a.Topic == topic).ToList();
        if (assigned.Count == 0) return;
        var key = (partition * 100_000) + assigned.Count;
        if (key == pausedFor) return;
        consumer.Pause(assigned.Where(a => a.Partition.Value != partition));
        consumer.Resume(assigned.Where(a => a.Partition.Value == partition));
        pausedFor = key;
    }
}
