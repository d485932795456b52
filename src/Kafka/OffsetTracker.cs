using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>
/// Thread-safe offset tracking over the partitions a consumer owns: one
/// <see cref="PartitionOffsetTracker"/> per partition, plus the last committed position of each, so only
/// positions that moved are committed. Partitions are forgotten on revocation; tokens from a forgotten
/// assignment are ignored.
/// </summary>
public sealed class OffsetTracker
{
    private readonly Lock gate = new();
    private readonly Dictionary<TopicPartition, Entry> partitions = [];
    private long nextGeneration = 1;

    /// <summary>Messages registered and not yet done, over all partitions.</summary>
    public int InFlight
    {
        get
        {
            lock (gate) return partitions.Values.Sum(e => e.Tracker.InFlight);
        }
    }

    /// <summary>Registers a consumed message and returns its token.</summary>
    public OffsetToken Register(TopicPartitionOffset consumed)
    {
        lock (gate)
        {
            if (!partitions.TryGetValue(consumed.TopicPartition, out var entry))
            {
                // Nothing before the first consumed offset is ours to commit: start from there.
                entry = new Entry(nextGeneration++) { Committed = consumed.Offset.Value };
                partitions[consumed.TopicPartition] = entry;
            }
            entry.Tracker.Register(consumed.Offset.Value);
            return new OffsetToken(consumed.TopicPartition, consumed.Offset.Value, entry.Generation);
        }
    }

    /// <summary>
    /// Marks a message done. Returns false (and changes nothing) when its partition was forgotten since it
    /// was registered, or it was already done.
    /// </summary>
    public bool MarkDone(OffsetToken token)
    {
        lock (gate)
        {
            return partitions.TryGetValue(token.TopicPartition, out var entry)
                && entry.Generation == token.Generation
                && entry.Tracker.MarkDone(token.Offset);
        }
    }

    /// <summary>
    /// The positions to commit now: for each tracked partition (only those in <paramref name="only"/>, when
    /// given) whose committable offset moved past the last committed one.
    /// </summary>
    public IReadOnlyList<TopicPartitionOffset> Committable(IEnumerable<TopicPartition>? only = null)
    {
        lock (gate)
        {
            var filter = only?.ToHashSet();
            var result = new List<TopicPartitionOffset>();
            foreach (var (tp, entry) in partitions)
            {
                if (filter is not null && !filter.Contains(tp)) continue;
                if (entry.Tracker.CommittableOffset is { } offset && offset > entry.Committed)
                    result.Add(new TopicPartitionOffset(tp, offset));
            }
            return result;
        }
    }

    /// <summary>Records that <paramref name="offsets"/> were committed (later calls skip them unless they move).</summary>
    public void MarkCommitted(IEnumerable<TopicPartitionOffset> offsets)
    {
        lock (gate)
        {
            foreach (var tpo in offsets)
                if (partitions.TryGetValue(tpo.TopicPartition, out var entry) && tpo.Offset.Value > entry.Committed)
                    entry.Committed = tpo.Offset.Value;
        }
    }

    /// <summary>Forgets partitions (after revocation or loss); their outstanding tokens become stale.</summary>
    public void Forget(IEnumerable<TopicPartition> revoked)
    {
        lock (gate)
        {
            foreach (var tp in revoked) partitions.Remove(tp);
        }
    }

    private sealed class Entry(long generation)
    {
        public long Generation { get; } = generation;

        public PartitionOffsetTracker Tracker { get; } = new();

        public long Committed { get; set; } = -1;
    }
}
