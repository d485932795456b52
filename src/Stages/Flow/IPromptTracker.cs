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
}
