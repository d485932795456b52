namespace RlaifV.Kafka;

/// <summary>
/// Tracks the consumed offsets of one partition whose work finishes out of order. Offsets are registered
/// in increasing order as they are consumed (gaps allowed: compaction and transaction markers leave them)
/// and marked done in any order. <see cref="CommittableOffset"/> is the lowest registered offset not yet
/// done (Kafka's "next to read" position), or one past the last registered offset when all are done; it
/// never moves past unfinished work. Not thread-safe: <see cref="OffsetTracker"/> guards it.
/// </summary>
public sealed class PartitionOffsetTracker
{
    private readonly Queue<long> order = new();
    private readonly HashSet<long> outstanding = [];
    private long lastRegistered = -1;

    /// <summary>Offsets registered and not yet done.</summary>
    public int InFlight => outstanding.Count;

    /// <summary>The last registered offset, or −1 when none.</summary>
    public long LastRegistered => lastRegistered;

    /// <summary>
    /// The offset to commit: the lowest offset not yet done, or last registered + 1 when every registered
    /// offset is done; null when nothing was ever registered.
    /// </summary>
    public long? CommittableOffset =>
        order.Count > 0 ? order.Peek() : lastRegistered >= 0 ? lastRegistered + 1 : null;

    /// <summary>Registers a consumed offset.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or not above the last registered one.</exception>
    public void Register(long offset)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "offsets are non-negative");
        if (offset <= lastRegistered)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"offsets must be registered in increasing order (last was {lastRegistered})");
        lastRegistered = offset;
        order.Enqueue(offset);
        outstanding.Add(offset);
    }

    /// <summary>Marks a registered offset done; false when it was not outstanding (unknown or already done).</summary>
    public bool MarkDone(long offset)
    {
        if (!outstanding.Remove(offset)) return false;
        while (order.Count > 0 && !outstanding.Contains(order.Peek())) order.Dequeue();
        return true;
    }
}
