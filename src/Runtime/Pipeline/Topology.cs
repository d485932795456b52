using System.Threading.Tasks.Dataflow;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Stages;

namespace RlaifV.Runtime.Pipeline;

/// <summary>
/// The generation graph, every link in this one place, read top-down:
/// ingest → sample → extract → rewrite → verify → pair → emit. Every link propagates completion, every
/// block is bounded, so a slow stage holds everything upstream of it (down to the source's SendAsync).
/// </summary>
public sealed class Topology
{
    private readonly IReadOnlyList<(string Stage, Task Completion)> completions;

    private Topology(ITargetBlock<IngestItem> input, ITargetBlock<CandidateItem> candidateInput, IReadOnlyList<(string, Task)> completions, int capacity)
    {
        Input = input;
        CandidateInput = candidateInput;
        this.completions = completions;
        Capacity = capacity;
        Completion = WatchAsync();
    }

    /// <summary>Where the source sends its items (a graph built by <see cref="BuildFrom"/> declines them).</summary>
    public ITargetBlock<IngestItem> Input { get; }

    /// <summary>
    /// Where a replay sends candidates: the first stage of a graph built by <see cref="BuildFrom"/> (the
    /// full graph declines them). Each prompt's candidates must all be sent, each with
    /// <see cref="CandidateItem.Expected"/> = their number.
    /// </summary>
    public ITargetBlock<CandidateItem> CandidateInput { get; }

    /// <summary>
    /// Completes when every prompt has been written and the sink flushed; faults with the first
    /// <see cref="StageException"/> (stage, key, cause) when any stage fails.
    /// </summary>
    public Task Completion { get; }

    /// <summary>The sum of all stages' bounded capacities, in items: an upper bound on prompts in flight.</summary>
    public int Capacity { get; }

    /// <summary>Builds the graph.</summary>
    public static Topology Build(PipelineOptions options, ModelSet models, IResultSink sink, DeadLetters deadLetters, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        var run = options.Run.ToContext();
        var ingest = new IngestStage(options.Ingest, deadLetters, tracker, metrics, cancellationToken);
        var sample = new SampleStage(options.Sampling, run, models.Policy, deadLetters, metrics, cancellationToken);
        var extract = new ExtractStage(options.Claims, run, models.Extractor, deadLetters, metrics, cancellationToken);
        var rewrite = new RewriteStage(options.Questions, models.Rewriter, deadLetters, metrics, cancellationToken);
        var verify = new VerifyStage(options.Labeler, models.Labeler, deadLetters, metrics, cancellationToken);
        var pair = new PairStage(options.Pairing, run, metrics, cancellationToken);
        var emit = new EmitStage(options.Pairing, run, sink, tracker, metrics, cancellationToken);

        var link = new DataflowLinkOptions { PropagateCompletion = true };
        ingest.Output.LinkTo(sample.Input, link);
        sample.Output.LinkTo(extract.Input, link);
        extract.Output.LinkTo(rewrite.Input, link);
        rewrite.Output.LinkTo(verify.Input, link);
        verify.Output.LinkTo(pair.Input, link);
        pair.Output.LinkTo(emit.Input, link);

        var capacity = ingest.Capacity + sample.Capacity + extract.Capacity + rewrite.Capacity + verify.Capacity + pair.Capacity + emit.Capacity;
        return new Topology(ingest.Input, Declining<CandidateItem>(), [
            (IngestStage.Name, ingest.Output.Completion),
            (SampleStage.Name, sample.Output.Completion),
            (ExtractStage.Name, extract.Output.Completion),
            (RewriteStage.Name, rewrite.Output.Completion),
            (VerifyStage.Name, verify.Output.Completion),
            (PairStage.Name, pair.Output.Completion),
            (EmitStage.Name, emit.Completion),
        ], capacity);
    }

    /// <summary>
    /// Builds the part of the graph after sampling, for replays that must not re-sample: from
    /// <see cref="ReplayStart.Extract"/> (extract → rewrite → verify → pair → emit: candidates re-judged) or
    /// from <see cref="ReplayStart.Pair"/> (pair → emit: verified candidates re-paired). Candidates go to
    /// <see cref="CandidateInput"/>.
    /// </summary>
    public static Topology BuildFrom(ReplayStart start, PipelineOptions options, ModelSet models, IResultSink sink, DeadLetters deadLetters, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        var run = options.Run.ToContext();
        var pair = new PairStage(options.Pairing, run, metrics, cancellationToken);
        var emit = new EmitStage(options.Pairing, run, sink, tracker, metrics, cancellationToken);
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        pair.Output.LinkTo(emit.Input, link);
        var tail = new List<(string, Task)> { (PairStage.Name, pair.Output.Completion), (EmitStage.Name, emit.Completion) };
        if (start == ReplayStart.Pair)
            return new Topology(Declining<IngestItem>(), pair.Input, tail, pair.Capacity + emit.Capacity);

        var extract = new ExtractStage(options.Claims, run, models.Extractor, deadLetters, metrics, cancellationToken);
        var rewrite = new RewriteStage(options.Questions, models.Rewriter, deadLetters, metrics, cancellationToken);
        var verify = new VerifyStage(options.Labeler, models.Labeler, deadLetters, metrics, cancellationToken);
        extract.Output.LinkTo(rewrite.Input, link);
        rewrite.Output.LinkTo(verify.Input, link);
        verify.Output.LinkTo(pair.Input, link);
        var capacity = extract.Capacity + rewrite.Capacity + verify.Capacity + pair.Capacity + emit.Capacity;
        return new Topology(Declining<IngestItem>(), extract.Input, [
            (ExtractStage.Name, extract.Output.Completion),
            (RewriteStage.Name, rewrite.Output.Completion),
            (VerifyStage.Name, verify.Output.Completion),
            .. tail,
        ], capacity);
    }

    /// <summary>A completed target: every offer is declined (SendAsync returns false).</summary>
    private static BufferBlock<T> Declining<T>()
    {
        var block = new BufferBlock<T>();
        block.Complete();
        return block;
    }

    private async Task WatchAsync()
    {
        // Fail fast: a fault anywhere ends the wait at once (upstream stages blocked on a faulted
        // neighbour would otherwise never complete); the runner then cancels the rest.
        var pending = completions.Select(c => c.Completion).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            if (done.IsFaulted || done.IsCanceled) throw FirstCause();
            pending.Remove(done);
        }
    }

    private Exception FirstCause()
    {
        foreach (var (stage, completion) in completions)
        {
            if (completion.Exception is not { } aggregate) continue;
            var inner = aggregate.Flatten().InnerExceptions;
            if (inner.OfType<StageException>().FirstOrDefault() is { } stageError) return stageError;
            if (inner.FirstOrDefault(e => e is not OperationCanceledException) is { } other) return new StageException(stage, null, other);
        }
        return new OperationCanceledException("the pipeline was cancelled");
    }
}
