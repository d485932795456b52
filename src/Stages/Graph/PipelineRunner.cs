using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;

namespace RlaifV.Stages.Graph;

/// <summary>
/// Pumps a source into a topology with backpressure: prompts into the whole graph (generation), or candidate groups
/// into a graph built after sampling (replay). Cancelling <c>stop</c> is a graceful stop: reading ends, everything
/// already inside drains, the sink flushes. A stage fault cancels the rest and rethrows the fault (stage, key, cause).
/// An item marked <see cref="IngestItem.Isolated"/> is processed alone: the graph is drained (partial batches sent)
/// before it enters, and nothing else enters until it is done, so if it crashes the process, no other prompt was in
/// flight with it.
/// </summary>
public static class PipelineRunner
{
    /// <summary>Runs <paramref name="source"/> through <paramref name="topology"/> (built by <see cref="Topology.Build"/>) to completion.</summary>
    /// <param name="source">The prompts.</param>
    /// <param name="topology">The graph, built with <paramref name="abort"/> as its cancellation.</param>
    /// <param name="tracker">Told of every prompt sent in; counts the prompts in flight.</param>
    /// <param name="abort">The graph's cancellation source, cancelled here when a stage faults.</param>
    /// <param name="stop">Graceful stop: no more reading, then drain.</param>
    public static Task RunAsync(IPromptSource source, Topology topology, PromptAccounting tracker, CancellationTokenSource abort, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(topology);
        return PumpAsync(source.ReadAsync, item => item.Ticket, item => item.Isolated, (item, ct) => topology.Input.SendAsync(item, ct), topology, tracker, abort, stop);
    }

    /// <summary>Runs prompts' candidates through <paramref name="topology"/> (built by <see cref="Topology.BuildFrom"/>) to completion.</summary>
    /// <param name="groups">Each prompt's candidates.</param>
    /// <param name="topology">The graph, built with <paramref name="abort"/> as its cancellation.</param>
    /// <param name="tracker">Told of every prompt sent in.</param>
    /// <param name="abort">The graph's cancellation source, cancelled here when a stage faults.</param>
    /// <param name="stop">Graceful stop: no more reading, then drain.</param>
    public static Task RunAsync(IAsyncEnumerable<CandidateGroup> groups, Topology topology, PromptAccounting tracker, CancellationTokenSource abort, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(topology);
        return PumpAsync(_ => groups, group => group.Ticket, _ => false, SendGroupAsync, topology, tracker, abort, stop);

        async Task<bool> SendGroupAsync(CandidateGroup group, CancellationToken cancellationToken)
        {
            foreach (var candidate in group.Candidates)
            {
                if (!await topology.CandidateInput.SendAsync(candidate, cancellationToken)) return false;
            }
            return true;
        }
    }

    private static async Task PumpAsync<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> read, Func<T, PromptTicket> ticketOf, Func<T, bool> isolated, Func<T, CancellationToken, Task<bool>> send,
        Topology topology, PromptAccounting tracker, CancellationTokenSource abort, CancellationToken stop)
    {
        _ = topology.Completion.ContinueWith(
            _ => abort.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop, abort.Token);
        try
        {
            await foreach (var item in read(reading.Token).WithCancellation(reading.Token))
            {
                var ticket = ticketOf(item);
                var alone = isolated(item);
                if (alone)
                {
                    try
                    {
                        await DrainAsync(topology, tracker, reading.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Stopped while waiting: the item never entered (a Kafka source then reads it again after a restart).
                        tracker.Admitted(ticket);
                        tracker.Completed(ticket, PromptOutcome.Abandoned);
                        throw;
                    }
                }
                tracker.Admitted(ticket);
                bool accepted;
                try
                {
                    accepted = await send(item, reading.Token);
                }
                catch (OperationCanceledException)
                {
                    accepted = false;
                }
                if (!accepted)
                {
                    tracker.Completed(ticket, PromptOutcome.Abandoned);
                    break;
                }
                if (alone) await DrainAsync(topology, tracker, reading.Token);
            }
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            // Graceful stop or a fault: stop reading; the completion below tells which.
        }
        topology.Input.Complete();
        topology.CandidateInput.Complete();
        await topology.Completion;
    }

    /// <summary>Waits until no prompt is in the graph, sending partial batches on (they would otherwise wait for more input).</summary>
    private static async Task DrainAsync(Topology topology, PromptAccounting tracker, CancellationToken cancellationToken)
    {
        while (tracker.InFlight > 0)
        {
            topology.Flush();
            await Task.Delay(5, cancellationToken);
        }
    }
}
