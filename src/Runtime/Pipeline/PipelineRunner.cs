using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Flow;

namespace RlaifV.Runtime.Pipeline;

/// <summary>
/// Pumps a source into a topology with backpressure. Cancelling <c>stop</c> is a graceful stop: reading
/// ends, everything already inside drains, the sink flushes. A stage fault cancels the rest and rethrows
/// the fault (stage, key, cause).
/// </summary>
public static class PipelineRunner
{
    /// <summary>Runs <paramref name="source"/> through <paramref name="topology"/> to completion.</summary>
    /// <param name="source">The prompts.</param>
    /// <param name="topology">The graph, built with <paramref name="abort"/> as its cancellation.</param>
    /// <param name="tracker">Told of every prompt sent in.</param>
    /// <param name="abort">The graph's cancellation source, cancelled here when a stage faults.</param>
    /// <param name="stop">Graceful stop: no more reading, then drain.</param>
    public static async Task RunAsync(IPromptSource source, Topology topology, IPromptTracker tracker, CancellationTokenSource abort, CancellationToken stop)
    {
        _ = topology.Completion.ContinueWith(
            _ => abort.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop, abort.Token);
        try
        {
            await foreach (var item in source.ReadAsync(reading.Token).WithCancellation(reading.Token))
            {
                tracker.Admitted(item.Ticket);
                bool accepted;
                try
                {
                    accepted = await topology.Input.SendAsync(item, reading.Token);
                }
                catch (OperationCanceledException)
                {
                    accepted = false;
                }
                if (!accepted)
                {
                    tracker.Completed(item.Ticket, PromptOutcome.Abandoned);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            // Graceful stop or a fault: stop reading; the completion below tells which.
        }
        topology.Input.Complete();
        await topology.Completion;
    }
}
