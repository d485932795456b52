using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RlaifV.Kafka;

/// <summary>
/// A group consumer with manual offsets: auto-commit and auto offset-store are off; every consumed message
/// is registered with an <see cref="OffsetTracker"/> and the caller marks it done when all its outputs are
/// produced. Every <see cref="KafkaOptions.CommitIntervalMs"/> (checked between polls), on revocation and on
/// <see cref="Close"/>, the consumer commits per partition the lowest offset not yet done, so a crash
/// redoes unfinished work and never skips it. Revoked partitions are forgotten (late marks are ignored).
/// Reads read_committed with the cooperative-sticky assignor. Polling, committing and closing must come
/// from one logical thread at a time (the <see cref="RunAsync"/> loop, or the caller's); marking done is
/// thread-safe.
/// </summary>
public sealed class TrackedConsumer : IDisposable
{
    private readonly IConsumer<string, byte[]> consumer;
    private readonly ILogger logger;
    private readonly string groupId;
    private readonly long commitIntervalMs;
    private long nextCommitAt;
    private bool closed;

    /// <summary>Creates the consumer and subscribes it to <paramref name="topics"/>.</summary>
    /// <param name="options">Transport settings (session timeout, commit interval, ...).</param>
    /// <param name="bootstrapServers">Resolved bootstrap servers.</param>
    /// <param name="groupId">Consumer group; processes in one group split the partitions.</param>
    /// <param name="topics">Topics to subscribe to.</param>
    /// <param name="logger">Logger.</param>
    public TrackedConsumer(KafkaOptions options, string bootstrapServers, string groupId, IEnumerable<string> topics, ILogger<TrackedConsumer>? logger = null)
    {
        options.EnsureValid();
        this.groupId = groupId;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        commitIntervalMs = options.CommitIntervalMs;
        nextCommitAt = Environment.TickCount64 + commitIntervalMs;
        consumer = new ConsumerBuilder<string, byte[]>(ClientConfigs.GroupConsumer(options, bootstrapServers, groupId))
            .SetErrorHandler((_, e) => Log.ClientError(this.logger, "consumer", e.Code, e.Reason, e.IsFatal))
            .SetLogHandler((_, m) => ClientConfigs.RouteLog(this.logger, "consumer", m))
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                Log.Assigned(this.logger, groupId, string.Join(", ", assigned));
                PartitionsAssigned?.Invoke(assigned);
            })
            .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked))
            .SetPartitionsLostHandler((_, lost) => OnLost(lost))
            .Build();
        consumer.Subscribe(topics);
    }

    /// <summary>Raised on the poll thread when the group assigns partitions to this consumer (it has joined the group).</summary>
    public event Action<IReadOnlyList<TopicPartition>>? PartitionsAssigned;

    /// <summary>
    /// Raised on the poll thread when partitions are revoked (before the commit of their finished work), so a component
    /// holding per-partition state can release it while this consumer still owns them.
    /// </summary>
    public event Action<IReadOnlyList<TopicPartition>>? PartitionsRevoked;

    /// <summary>The offset tracker (for inspection and tests).</summary>
    public OffsetTracker Tracker { get; } = new();

    /// <summary>The partitions currently assigned to this consumer.</summary>
    public IReadOnlyList<TopicPartition> Assignment => consumer.Assignment;

    /// <summary>The group metadata (for sending offsets within a transaction on a real Kafka).</summary>
    public IConsumerGroupMetadata GroupMetadata => consumer.ConsumerGroupMetadata;

    /// <summary>
    /// Polls for one message for up to <paramref name="timeout"/> and registers it; commits finished work
    /// when the commit interval has passed. Returns null when no message arrived.
    /// </summary>
    /// <exception cref="ConsumeException">A fatal consumer error.</exception>
    public ConsumedMessage? Consume(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        ConsumeResult<string, byte[]>? result;
        try
        {
            result = consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            Log.ClientError(logger, "consumer", e.Error.Code, e.Error.Reason, false);
            result = null;
        }
        if (Environment.TickCount64 >= nextCommitAt)
        {
            CommitDone();
            nextCommitAt = Environment.TickCount64 + commitIntervalMs;
        }
        if (result is null || result.IsPartitionEOF) return null;
        return new ConsumedMessage(result, Tracker.Register(result.TopicPartitionOffset));
    }

    /// <summary>
    /// Runs the poll loop on a pool thread until <paramref name="cancellationToken"/> is cancelled, handing
    /// each message to <paramref name="handler"/> (which may await, e.g. a Dataflow <c>SendAsync</c>: that is
    /// the back-pressure). Returns normally on cancellation; the caller then drains its pipeline, and calls
    /// <see cref="Close"/> to commit what finished. Exceptions of the handler or fatal consumer errors fault
    /// the returned task.
    /// </summary>
    public Task RunAsync(Func<ConsumedMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var message = Consume(TimeSpan.FromMilliseconds(100));
                    if (message is not null) await handler(message, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Graceful stop: the message being handed over stays unfinished and is redone after a restart.
            }
        }, CancellationToken.None);

    /// <summary>Stops fetching <paramref name="partitions"/> until <see cref="Resume"/> (poll thread only).</summary>
    public void Pause(IEnumerable<TopicPartition> partitions) => consumer.Pause(partitions);

    /// <summary>Fetches <paramref name="partitions"/> again after <see cref="Pause"/> (poll thread only).</summary>
    public void Resume(IEnumerable<TopicPartition> partitions) => consumer.Resume(partitions);

    /// <summary>Marks a message done (thread-safe); false when it was already done or its partition was revoked since.</summary>
    public bool MarkDone(OffsetToken token) => Tracker.MarkDone(token);

    /// <summary>Marks a message done (thread-safe).</summary>
    public bool MarkDone(ConsumedMessage message) => Tracker.MarkDone(message.Token);

    /// <summary>
    /// Commits, for every owned partition whose position moved, the lowest offset not yet done. Returns what
    /// was committed (empty when nothing moved or the commit failed; a failed commit is retried next time).
    /// </summary>
    public IReadOnlyList<TopicPartitionOffset> CommitDone() => Commit(Tracker.Committable(consumer.Assignment));

    /// <summary>Commits finished work and leaves the group (the revocation commits again, harmlessly).</summary>
    public void Close()
    {
        if (closed) return;
        CommitDone();
        consumer.Close();
        closed = true;
    }

    /// <summary>Closes (if not yet closed) and releases the client.</summary>
    public void Dispose()
    {
        try
        {
            Close();
        }
        finally
        {
            consumer.Dispose();
        }
    }

    private IReadOnlyList<TopicPartitionOffset> Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        if (offsets.Count == 0) return offsets;
        try
        {
            consumer.Commit(offsets);
            Tracker.MarkCommitted(offsets);
            Log.Committed(logger, groupId, string.Join(", ", offsets));
            return offsets;
        }
        catch (KafkaException e) when (!e.Error.IsFatal)
        {
            Log.CommitFailed(logger, groupId, string.Join(", ", offsets), e.Error.Reason);
            return [];
        }
    }

    private void OnRevoked(List<TopicPartitionOffset> revoked)
    {
        var partitions = revoked.Select(r => r.TopicPartition).ToList();
        PartitionsRevoked?.Invoke(partitions);
        var committed = Commit(Tracker.Committable(partitions));
        Tracker.Forget(partitions);
        Log.Revoked(logger, groupId, string.Join(", ", partitions), string.Join(", ", committed));
    }

    private void OnLost(List<TopicPartitionOffset> lost)
    {
        var partitions = lost.Select(r => r.TopicPartition).ToList();
        Tracker.Forget(partitions);
        Log.Lost(logger, groupId, string.Join(", ", partitions));
    }
}
