using RlaifV.Stages.Flow;

namespace RlaifV.Stages.Graph;

/// <summary>
/// Counts prompts into and out of the graph (the in-flight gauge, the run summary, the backpressure
/// bound) and forwards every event to an optional inner tracker (for example Kafka offset tracking).
/// </summary>
/// <param name="metrics">Metrics.</param>
/// <param name="inner">A tracker to forward to, or null.</param>
public sealed class PromptAccounting(PipelineMetrics metrics, IPromptTracker? inner = null) : IPromptTracker
{
    private long admitted;
    private long processed;
    private long rejected;
    private long abandoned;
    private long maxInFlight;

    /// <summary>Prompts sent into the graph (not counting those abandoned while being sent).</summary>
    public long AdmittedCount => Interlocked.Read(ref admitted) - Interlocked.Read(ref abandoned);

    /// <summary>Prompts whose results were written.</summary>
    public long ProcessedCount => Interlocked.Read(ref processed);

    /// <summary>Prompts ingest dead-lettered.</summary>
    public long RejectedCount => Interlocked.Read(ref rejected);

    /// <summary>Prompts in the graph now: admitted and not yet completed.</summary>
    public long InFlight => Interlocked.Read(ref admitted) - ProcessedCount - RejectedCount - Interlocked.Read(ref abandoned);

    /// <summary>The most prompts ever in flight at once.</summary>
    public long MaxInFlight => Interlocked.Read(ref maxInFlight);

    /// <inheritdoc />
    public void Admitted(PromptTicket ticket)
    {
        var now = Interlocked.Increment(ref admitted) - ProcessedCount - RejectedCount - Interlocked.Read(ref abandoned);
        long seen;
        while (now > (seen = Interlocked.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }
        metrics.InFlight.Inc();
        inner?.Admitted(ticket);
    }

    /// <inheritdoc />
    public ValueTask StartingAsync(IReadOnlyList<PromptTicket> tickets, CancellationToken cancellationToken) =>
        inner?.StartingAsync(tickets, cancellationToken) ?? ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Completed(PromptTicket ticket, PromptOutcome outcome)
    {
        if (outcome == PromptOutcome.Processed) Interlocked.Increment(ref processed);
        else if (outcome == PromptOutcome.Rejected) Interlocked.Increment(ref rejected);
        else Interlocked.Increment(ref abandoned);
        metrics.InFlight.Dec();
        metrics.Prompts.WithLabels(outcome.ToString().ToLowerInvariant()).Inc();
        inner?.Completed(ticket, outcome);
    }
}
