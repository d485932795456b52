using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Graph;

/// <summary>
/// The generation graph, every link in this one place, read top-down: ingest → sample, followed by the post-sampling
/// graph extract → rewrite → verify → pair → emit, which a replay builds on its own (<see cref="BuildFrom"/>). Every
/// link propagates completion, every block is bounded, so a slow stage holds everything upstream of it (down to the
/// source's SendAsync).
/// </summary>
public sealed class Topology
{
    private static readonly DataflowLinkOptions Link = new() { PropagateCompletion = true };
    private readonly IReadOnlyList<(string Stage, Task Completion)> completions;
    private readonly IReadOnlyList<Action> flushes;

    private Topology(ITargetBlock<IngestItem> input, ITargetBlock<CandidateItem> candidateInput, IReadOnlyList<(string, Task)> completions, IReadOnlyList<Action> flushes, int capacity)
    {
        Input = input;
        this.flushes = flushes;
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

    /// <summary>Builds the whole graph: ingest → sample, then the post-sampling graph of <see cref="BuildFrom"/>.</summary>
    public static Topology Build(StageOptions options, ModelSet models, IResultSink sink, DeadLetters deadLetters, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        var ingest = new IngestStage(options.Ingest, models.Images, deadLetters, tracker, metrics, cancellationToken);
        var sample = new SampleStage(options.Sampling, options.Run, models.Policy, deadLetters, tracker, metrics, cancellationToken);
        var judged = AfterSampling(ReplayStart.Extract, options, models, sink, deadLetters, tracker, metrics, cancellationToken);

        ingest.Output.LinkTo(sample.Input, Link);
        sample.Output.LinkTo(judged.Input, Link);

        return new Topology(ingest.Input, Declining<CandidateItem>(), [
            (IngestStage.Name, ingest.Output.Completion),
            (SampleStage.Name, sample.Output.Completion),
            .. judged.Completions,
        ], [sample.Flush, .. judged.Flushes], ingest.Capacity + sample.Capacity + judged.Capacity);
    }

    /// <summary>
    /// Builds the part of the graph after sampling, for replays that must not re-sample: from
    /// <see cref="ReplayStart.Extract"/> (extract → rewrite → verify → pair → emit: candidates re-judged) or
    /// from <see cref="ReplayStart.Pair"/> (pair → emit: verified candidates re-paired). Candidates go to
    /// <see cref="CandidateInput"/>.
    /// </summary>
    public static Topology BuildFrom(ReplayStart start, StageOptions options, ModelSet models, IResultSink sink, DeadLetters deadLetters, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        var part = AfterSampling(start, options, models, sink, deadLetters, tracker, metrics, cancellationToken);
        return new Topology(Declining<IngestItem>(), part.Input, part.Completions, part.Flushes, part.Capacity);
    }

    /// <summary>The stages from <paramref name="start"/> to emit, linked; the one place these links are written.</summary>
    private static Part AfterSampling(ReplayStart start, StageOptions options, ModelSet models, IResultSink sink, DeadLetters deadLetters, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        var pair = new PairStage(options.Pairing, options.Run, metrics, cancellationToken);
        var emit = new EmitStage(options.Pairing, options.Run, sink, tracker, metrics, cancellationToken);
        pair.Output.LinkTo(emit.Input, Link);
        List<(string, Task)> tail = [(PairStage.Name, pair.Output.Completion), (EmitStage.Name, emit.Completion)];
        if (start == ReplayStart.Pair) return new Part(pair.Input, tail, [], pair.Capacity + emit.Capacity);

        var extract = new ExtractStage(options.Claims, options.Run, models.Extractor, deadLetters, metrics, cancellationToken);
        var rewrite = new RewriteStage(options.Questions, options.Run, models.Rewriter, deadLetters, metrics, cancellationToken);
        var verify = new VerifyStage(options.Labeler, options.Run, models.Labeler, deadLetters, metrics, cancellationToken);
        extract.Output.LinkTo(rewrite.Input, Link);
        rewrite.Output.LinkTo(verify.Input, Link);
        verify.Output.LinkTo(pair.Input, Link);
        return new Part(extract.Input, [
            (ExtractStage.Name, extract.Output.Completion),
            (RewriteStage.Name, rewrite.Output.Completion),
            (VerifyStage.Name, verify.Output.Completion),
            .. tail,
        ], [extract.Flush, rewrite.Flush, verify.Flush], extract.Capacity + rewrite.Capacity + verify.Capacity + pair.Capacity + emit.Capacity);
    }

    /// <summary>
    /// Sends every batching stage's partial batch now, upstream first. The runner calls it while it drains the graph to
    /// process a prompt alone (<see cref="IngestItem.Isolated"/>); in a deterministic run nothing else cuts a partial batch
    /// before the input ends.
    /// </summary>
    public void Flush()
    {
        foreach (var flush in flushes) flush();
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

    /// <summary>A linked run of stages: where it takes candidates, its stages' completions in order, its capacity.</summary>
    private sealed record Part(ITargetBlock<CandidateItem> Input, IReadOnlyList<(string, Task)> Completions, IReadOnlyList<Action> Flushes, int Capacity);
}
