using System.Diagnostics;
using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Flow;

/// <summary>
/// The shared mechanics of a batching stage: a bounded <see cref="BatchBlock{T}"/> feeding a bounded transform that
/// calls the stage's batch function. Batches are cut by count in input order; a partial batch is also sent when no batch
/// started for <see cref="BatchingOptions.FlushMs"/> (services), unless the run is deterministic
/// (<see cref="RunContext.Deterministic"/>), where only the end of the input or <see cref="Flush"/> cuts one, so the same
/// input always makes the same batches. When a batch call throws <see cref="InputRejectedException"/> (an item's own
/// fault), the items are retried one by one so the bad item is dead-lettered (through the stage's failure handler) with
/// the exception's reason instead of failing its neighbours; after too many consecutive item failures the stage faults.
/// Any other exception (out of memory, a native libtorch/CUDA error, a null reference, a bug) is a system error, not a
/// bad item: the stage faults at once with a <see cref="StageException"/> naming the stage, the key and the cause.
/// A model server out of reach past its outage budget (<see cref="Ports.ModelUnavailableException"/>) is such a system
/// error: nothing is dead-lettered for it.
/// </summary>
/// <typeparam name="TIn">Input item.</typeparam>
/// <typeparam name="TOut">Output item.</typeparam>
/// <remarks>The flush timer is disposed when the stage completes (normally, by fault or by cancellation).</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The timer is disposed when the stage completes.")]
internal sealed class BatchedStage<TIn, TOut>
{
    private readonly string name;
    private readonly BatchingOptions options;
    private readonly PipelineMetrics metrics;
    private readonly Func<IReadOnlyList<TIn>, CancellationToken, Task<IEnumerable<TOut>>> process;
    private readonly Func<TIn, Exception, CancellationToken, Task<IEnumerable<TOut>>> onItemFailed;
    private readonly Func<TIn, string> keyOf;
    private readonly CancellationToken cancellationToken;
    private readonly BatchBlock<TIn> batch;
    private readonly TransformManyBlock<TIn[], TOut> transform;
    private readonly Timer flushTimer;
    private long lastBatchTicks = Stopwatch.GetTimestamp();
    private int busy;
    private int consecutiveFailures;

    public BatchedStage(
        string name,
        BatchingOptions options,
        PipelineMetrics metrics,
        Func<IReadOnlyList<TIn>, CancellationToken, Task<IEnumerable<TOut>>> process,
        Func<TIn, Exception, CancellationToken, Task<IEnumerable<TOut>>> onItemFailed,
        Func<TIn, string> keyOf,
        bool deterministic,
        CancellationToken cancellationToken)
    {
        this.name = name;
        this.options = options;
        this.metrics = metrics;
        this.process = process;
        this.onItemFailed = onItemFailed;
        this.keyOf = keyOf;
        this.cancellationToken = cancellationToken;
        batch = new BatchBlock<TIn>(options.Size, new GroupingDataflowBlockOptions
        {
            BoundedCapacity = Math.Max(options.Capacity, options.Size),
            CancellationToken = cancellationToken,
        });
        transform = new TransformManyBlock<TIn[], TOut>(RunAsync, new ExecutionDataflowBlockOptions
        {
            BoundedCapacity = options.Parallelism,
            MaxDegreeOfParallelism = options.Parallelism,
            EnsureOrdered = true,
            CancellationToken = cancellationToken,
        });
        batch.LinkTo(transform, new DataflowLinkOptions { PropagateCompletion = true });
        var period = deterministic ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(1, options.FlushMs / 2.0));
        flushTimer = new Timer(_ => FlushIfIdle(), null, period, period);
        _ = transform.Completion.ContinueWith(_ => flushTimer.Dispose(), TaskScheduler.Default);
        metrics.AddDepthProbe(name, () => batch.OutputCount * options.Size + transform.InputCount * options.Size);
    }

    /// <summary>The stage's input.</summary>
    public ITargetBlock<TIn> Input => batch;

    /// <summary>The stage's output.</summary>
    public ISourceBlock<TOut> Output => transform;

    /// <summary>Sum of the bounded capacities inside this stage, in items.</summary>
    public int Capacity => Math.Max(options.Capacity, options.Size) + options.Parallelism * options.Size;

    /// <summary>Sends the partial batch now (the graph is being drained, for example to process a prompt alone).</summary>
    public void Flush()
    {
        if (!batch.Completion.IsCompleted) batch.TriggerBatch();
    }

    private void FlushIfIdle()
    {
        if (batch.Completion.IsCompleted) return;
        var idle = Volatile.Read(ref busy) < options.Parallelism && transform.InputCount == 0 && batch.OutputCount == 0;
        var waited = Stopwatch.GetElapsedTime(Interlocked.Read(ref lastBatchTicks)).TotalMilliseconds;
        if (idle && waited >= options.FlushMs) batch.TriggerBatch();
    }

    private async Task<IEnumerable<TOut>> RunAsync(TIn[] items)
    {
        Interlocked.Increment(ref busy);
        Interlocked.Exchange(ref lastBatchTicks, Stopwatch.GetTimestamp());
        var started = Stopwatch.GetTimestamp();
        metrics.ItemsIn.WithLabels(name).Inc(items.Length);
        metrics.BatchSize.WithLabels(name).Observe(items.Length);
        try
        {
            var outputs = await ProcessIsolatingAsync(items);
            metrics.ItemsOut.WithLabels(name).Inc(outputs.Count);
            return outputs;
        }
        finally
        {
            metrics.BatchSeconds.WithLabels(name).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            Interlocked.Exchange(ref lastBatchTicks, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref busy);
        }
    }

    private async Task<List<TOut>> ProcessIsolatingAsync(TIn[] items)
    {
        try
        {
            var outputs = (await process(items, cancellationToken)).ToList();
            Interlocked.Exchange(ref consecutiveFailures, 0);
            return outputs;
        }
        catch (InputRejectedException) when (items.Length > 1)
        {
            var outputs = new List<TOut>();
            foreach (var item in items)
            {
                try
                {
                    outputs.AddRange(await process([item], cancellationToken));
                    Interlocked.Exchange(ref consecutiveFailures, 0);
                }
                catch (InputRejectedException single)
                {
                    outputs.AddRange(await FailAsync(item, single));
                }
                catch (Exception e) when (IsSystemError(e))
                {
                    throw new StageException(name, keyOf(item), e);
                }
            }
            return outputs;
        }
        catch (InputRejectedException e)
        {
            return (await FailAsync(items[0], e)).ToList();
        }
        catch (Exception e) when (IsSystemError(e))
        {
            throw new StageException(name, keyOf(items[0]), e);
        }
    }

    private async Task<IEnumerable<TOut>> FailAsync(TIn item, Exception cause)
    {
        if (Interlocked.Increment(ref consecutiveFailures) >= options.MaxConsecutiveFailures)
            throw new StageException(name, keyOf(item), new InvalidOperationException($"{options.MaxConsecutiveFailures} consecutive items failed; last error: {cause.Message}", cause));
        return await onItemFailed(item, cause, cancellationToken);
    }

    /// <summary>Every exception but a stage's own fault and the run's cancellation: it stops the run, naming the stage and key.</summary>
    private bool IsSystemError(Exception e) =>
        e is not StageException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
