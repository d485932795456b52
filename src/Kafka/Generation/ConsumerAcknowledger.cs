using RlaifV.Stages.Flow;

namespace RlaifV.Kafka.Generation;

/// <summary>
/// Turns finished prompts into done offsets: a prompt processed (its outputs delivered) or rejected (its
/// dead letter delivered) marks its message done, and any redeliveries of it that waited; an abandoned
/// prompt marks nothing, so it is read again after a restart.
/// </summary>
/// <param name="consumer">The prompts consumer.</param>
/// <param name="ledger">The prompt ids in flight.</param>
/// <param name="journal">The round's in-flight journal (poison protection), or null.</param>
public sealed class ConsumerAcknowledger(TrackedConsumer consumer, PromptLedger ledger, InFlightJournal? journal = null) : IPromptTracker
{
    /// <inheritdoc />
    public void Admitted(PromptTicket ticket)
    {
    }

    /// <inheritdoc />
    public ValueTask StartingAsync(IReadOnlyList<PromptTicket> tickets, CancellationToken cancellationToken) =>
        journal?.MarkAsync(tickets, cancellationToken) ?? ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Completed(PromptTicket ticket, PromptOutcome outcome)
    {
        if (ticket.State is not KafkaTicket state) return;
        if (outcome == PromptOutcome.Abandoned)
        {
            if (state.PromptId is { } abandoned) ledger.Forget(abandoned);
            return;
        }
        journal?.Done(ticket);
        consumer.MarkDone(state.Token);
        if (state.PromptId is not { } id) return;
        foreach (var follower in ledger.Complete(id)) consumer.MarkDone(follower);
    }
}
