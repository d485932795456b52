using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages;

/// <summary>
/// Rewrite: turns every claim into a polar question with the same meaning (negation kept) and appends the
/// answer-format suffix. A batch of candidates goes to the rewriter in one call, each candidate's claims as one request
/// whose seed derives from the candidate's id (global seed, round, prompt id, candidate index), never from its batch
/// position.
/// </summary>
public sealed class RewriteStage
{
    /// <summary>The stage name used in metrics and dead letters.</summary>
    public const string Name = "rewrite";

    private readonly QuestionsOptions options;
    private readonly RunContext run;
    private readonly IQuestionRewriter rewriter;
    private readonly DeadLetters deadLetters;
    private readonly BatchedStage<CandidateItem, CandidateItem> stage;

    /// <summary>Creates the stage.</summary>
    public RewriteStage(QuestionsOptions options, RunContext run, IQuestionRewriter rewriter, DeadLetters deadLetters, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        this.options = options;
        this.run = run;
        this.rewriter = rewriter;
        this.deadLetters = deadLetters;
        stage = new BatchedStage<CandidateItem, CandidateItem>(Name, options.Batch, metrics, RewriteAsync, FailAsync, c => c.Key, run.Deterministic, cancellationToken);
    }

    /// <summary>Candidates with claims in.</summary>
    public ITargetBlock<CandidateItem> Input => stage.Input;

    /// <summary>Candidates with questions out.</summary>
    public ISourceBlock<CandidateItem> Output => stage.Output;

    /// <summary>Sends the stage's partial batch now (see <see cref="Graph.Topology.Flush"/>).</summary>
    internal void Flush() => stage.Flush();

    /// <summary>Bounded capacity inside the stage, in candidates.</summary>
    public int Capacity => stage.Capacity;

    private async Task<IEnumerable<CandidateItem>> RewriteAsync(IReadOnlyList<CandidateItem> items, CancellationToken cancellationToken)
    {
        var asked = items.Where(i => !i.Failed && i.Claims.Count > 0).ToList();
        if (asked.Count == 0) return items;
        var requests = asked.Select(i => new RewriteRequest(i.Claims,
            Seeds.Derive(run.GlobalSeed, run.Round, i.Candidate.PromptId, Name, i.Candidate.Index))).ToList();
        var questions = await rewriter.RewriteAsync(requests, cancellationToken);
        ModelOutput.RequireCount(questions.Count, requests.Count, rewriter.RewriterId);
        var next = 0;
        var result = new List<CandidateItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Failed || item.Claims.Count == 0) { result.Add(item); continue; }
            var own = questions[next++];
            ModelOutput.RequireCount(own.Count, item.Claims.Count, rewriter.RewriterId);
            result.Add(item with { Questions = own.Select(q => q.Trim() + options.Suffix).ToArray() });
        }
        return result;
    }

    private Task<IEnumerable<CandidateItem>> FailAsync(CandidateItem item, Exception cause, CancellationToken cancellationToken) =>
        deadLetters.FailCandidateAsync(Name, item, cause, string.Join('\n', item.Claims), cancellationToken);
}
