using System.Collections.Concurrent;
using RlaifV.Stages.Flow;

namespace RlaifV.TestKit;

/// <summary>Records every completion.</summary>
public sealed class RecordingTracker : IPromptTracker
{
    private readonly ConcurrentQueue<(PromptTicket, PromptOutcome)> completed = new();

    /// <summary>Completions, in order.</summary>
    public IReadOnlyList<(PromptTicket Ticket, PromptOutcome Outcome)> Completed => completed.ToList();

    /// <inheritdoc />
    public void Admitted(PromptTicket ticket)
    {
    }

    /// <inheritdoc />
    void IPromptTracker.Completed(PromptTicket ticket, PromptOutcome outcome) => completed.Enqueue((ticket, outcome));
}
