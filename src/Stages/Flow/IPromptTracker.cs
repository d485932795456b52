namespace RlaifV.Stages.Flow;

/// <summary>
/// Observes prompts entering and leaving the graph. Every admitted ticket is completed exactly once:
/// when ingest dead-letters it, or when its results have been written.
/// </summary>
public interface IPromptTracker
{
    /// <summary>A prompt entered the graph.</summary>
    void Admitted(PromptTicket ticket);

    /// <summary>A prompt left the graph with the given outcome.</summary>
    void Completed(PromptTicket ticket, PromptOutcome outcome);

    /// <summary>
    /// The prompts of <paramref name="tickets"/> are about to go to a model for the first time (sampling); returns when a
    /// tracker that records what is in flight (Kafka's poison journal) has made that durable. Nothing to do by default.
    /// </summary>
    ValueTask StartingAsync(IReadOnlyList<PromptTicket> tickets, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
