using RlaifV.Stages.Flow;

namespace RlaifV.TestKit;

/// <summary>Collects results in memory; optionally slow, to exercise backpressure.</summary>
public sealed class MemoryResultSink(TimeSpan? delayPerWrite = null) : IResultSink
{
    private readonly List<PromptResult> results = [];

    /// <summary>Results written, in order.</summary>
    public IReadOnlyList<PromptResult> Results => results;

    /// <summary>Times FlushAsync was called.</summary>
    public int Flushes { get; private set; }

    /// <inheritdoc />
    public async ValueTask WriteAsync(PromptResult result, CancellationToken cancellationToken)
    {
        if (delayPerWrite is { } d) await Task.Delay(d, cancellationToken);
        results.Add(result);
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
