using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages;

/// <summary>
/// Emit: writes each prompt's results to the sink, then reports the prompt done to the tracker (so a
/// source acknowledges it only after its outputs are written). With a length-balance window it holds
/// results until the window has that many pairs, applies the filter to them, and writes the survivors.
/// On completion it flushes the sink. Without a window it writes as many prompts at once as the sink allows
/// (<see cref="IResultSink.MaxConcurrentWrites"/>), so a sink that waits for a broker's acknowledgement
/// does not wait for one prompt after another.
/// </summary>
public sealed class EmitStage
{
    /// <summary>The stage name used in metrics and dead letters.</summary>
    public const string Name = "emit";

    private readonly PairingOptions options;
    private readonly RunContext run;
    private readonly IResultSink sink;
    private readonly IPromptTracker tracker;
    private readonly PipelineMetrics metrics;
    private readonly CancellationToken cancellationToken;
    private readonly List<PromptResult> window = [];
    private readonly int capacity;
    private readonly ActionBlock<PromptResult> block;

    /// <summary>Creates the stage.</summary>
    public EmitStage(PairingOptions options, RunContext run, IResultSink sink, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        this.options = options;
        this.run = run;
        this.sink = sink;
        this.tracker = tracker;
        this.metrics = metrics;
        this.cancellationToken = cancellationToken;
        // The window is shared state: with one, results are written one at a time.
        var parallelism = options.LengthBalanceWindow > 0 ? 1 : Math.Max(1, sink.MaxConcurrentWrites);
        capacity = Math.Max(16, parallelism);
        block = new ActionBlock<PromptResult>(WriteAsync, new ExecutionDataflowBlockOptions
        {
            BoundedCapacity = capacity,
            MaxDegreeOfParallelism = parallelism,
            CancellationToken = cancellationToken,
        });
        metrics.AddDepthProbe(Name, () => block.InputCount);
        Completion = CompleteAsync();
    }

    /// <summary>Prompt results in.</summary>
    public ITargetBlock<PromptResult> Input => block;

    /// <summary>Bounded capacity of the stage's input, in prompts.</summary>
    public int Capacity => capacity;

    /// <summary>Completes when every result is written and the sink flushed; faults with the graph.</summary>
    public Task Completion { get; }

    private async Task WriteAsync(PromptResult result)
    {
        metrics.ItemsIn.WithLabels(Name).Inc();
        if (options.LengthBalanceWindow <= 0)
        {
            await WriteOneAsync(result);
            return;
        }
        window.Add(result);
        if (window.Sum(r => r.Pairs.Count) >= options.LengthBalanceWindow) await DrainWindowAsync();
    }

    private async Task DrainWindowAsync()
    {
        var all = window.SelectMany(r => r.Pairs).ToList();
        var kept = LengthBalance.Apply(all.Select(p => (p.ChosenWords, p.RejectedWords)).ToList()).Kept.Select(i => all[i]).ToHashSet(ReferenceEqualityComparer.Instance);
        metrics.PairsFiltered.WithLabels(RoundLabel.Of(run.Round)).Inc(all.Count - kept.Count);
        foreach (var r in window) await WriteOneAsync(r with { Pairs = r.Pairs.Where(kept.Contains).ToList() });
        window.Clear();
    }

    private async Task WriteOneAsync(PromptResult result)
    {
        await sink.WriteAsync(result, cancellationToken);
        metrics.Pairs.WithLabels(RoundLabel.Of(run.Round)).Inc(result.Pairs.Count);
        metrics.ItemsOut.WithLabels(Name).Inc();
        tracker.Completed(result.Source.Ticket, PromptOutcome.Processed);
    }

    private async Task CompleteAsync()
    {
        await block.Completion;
        if (window.Count > 0) await DrainWindowAsync();
        await sink.FlushAsync(cancellationToken);
    }
}
