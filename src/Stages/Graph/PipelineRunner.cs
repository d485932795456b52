using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;

namespace RlaifV.Stages.Graph;

/// <summary>
/// Pumps a source into a topology with backpressure: prompts into the whole graph (generation), or candidate groups
/// into a graph built after sampling (replay). Cancelling <c>stop</c> is a graceful stop: reading ends, everything
/// already inside drains, the sink flushes. A stage fault cancels the rest and rethrows the fault (stage, key, cause).
/// </summary>
public static class PipelineRunner
{
    /// <summary>Runs <paramref name="source"/> through <paramref name="topology"/> (built by <see cref="Topology.Build"/>) to completion.</summary>
    /// <param name="source">The prompts.</param>
    /// <param name="topology">The graph, built with <paramref name="abort"/> as its cancellation.</param>
    /// <param name="tracker">Told of every prompt sent in.</param>
    /// <param name="abort">The graph's cancellation source, cancelled here when a stage faults.</param>
    /// <param name="stop">Graceful stop: no more reading, then drain.</param>
    public static Task RunAsync(IPromptSource source, Topology topology, IPromptTracker tracker, CancellationTokenSource abort, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(topology);
        return PumpAsync(source.ReadAsync, item => item.Ticket, (item, ct) => topology.Input.SendAsync(item, ct), topology, tracker, abort, stop);
    }

    /// <summary>Runs prompts' candidates through <paramref name="topology"/> (built by <see cref="Topology.BuildFrom"/>) to completion.</summary>
    /// <param name="groups">Each prompt's candidates.</param>
    /// <param name="topology">The graph, built with <paramref name="abort"/> as its cancellation.</param>
    /// <param name="tracker">Told of every prompt sent in.</param>
    /// <param name="abort">The graph's cancellation source, cancelled here when a stage faults.</param>
    /// <param name="stop">Graceful stop: no more reading, then drain.</param>
    public static Task RunAsync(IAsyncEnumerable<CandidateGroup> groups, Topology topology, IPromptTracker tracker, CancellationTokenSource abort, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(topology);
        return PumpAsync(_ => groups, group => group.Ticket, SendGroupAsync, topology, tracker, abort, stop);

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
        Func<CancellationToken, IAsyncEnumerable<T>> read, Func<T, PromptTicket> ticketOf, Func<T, CancellationToken, Task<bool>> send,
        Topology topology, IPromptTracker tracker, CancellationTokenSource abort, CancellationToken stop)
    {
        _ = topology.Completion.ContinueWith(
            _ => abort.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop, abort.Token);
        try
        {
            await foreach (var item in read(reading.Token).WithCancellation(reading.Token))
            {
                var ticket = ticketOf(item);
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
}
