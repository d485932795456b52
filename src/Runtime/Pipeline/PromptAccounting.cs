using RlaifV.Stages.Flow;

namespace RlaifV.Runtime.Pipeline;

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
    private long maxInFlight;

    /// <summary>Prompts sent into the graph.</summary>
    public long AdmittedCount => Interlocked.Read(ref admitted);

    /// <summary>Prompts whose results were written.</summary>
    public long ProcessedCount => Interlocked.Read(ref processed);

    /// <summary>Prompts ingest dead-lettered.</summary>
    public long RejectedCount => Interlocked.Read(ref rejected);

    /// <summary>The most prompts ever in flight at once.</summary>
    public long MaxInFlight => Interlocked.Read(ref maxInFlight);

    /// <inheritdoc />
    public void Admitted(PromptTicket ticket)
    {
        var now = Interlocked.Increment(ref admitted) - ProcessedCount - RejectedCount;
        long seen;
        while (now > (seen = Interlocked.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }
        metrics.InFlight.Inc();
        inner?.Admitted(ticket);
    }

    /// <inheritdoc />
    public void Completed(PromptTicket ticket, PromptOutcome outcome)
    {
        Interlocked.Increment(ref outcome == PromptOutcome.Processed ? ref processed : ref rejected);
        metrics.InFlight.Dec();
        metrics.Prompts.WithLabels(outcome == PromptOutcome.Processed ? "processed" : "rejected").Inc();
        inner?.Completed(ticket, outcome);
    }
}
