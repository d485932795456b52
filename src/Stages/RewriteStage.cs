using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages;

/// <summary>
/// Rewrite: turns every claim into a polar question with the same meaning (negation kept) and appends the
/// answer-format suffix. The claims of a whole batch of candidates go to the rewriter in one call.
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
        // Each claim's seed is its own (candidate id, claim index), so its question never depends on its batch neighbours.
        var claims = items.Where(i => !i.Failed)
            .SelectMany(i => i.Claims.Select((c, k) => new QuestionRequest(c, Seeds.Derive(run.GlobalSeed, run.Round, i.Candidate.Id, Name, k))))
            .ToList();
        if (claims.Count == 0) return items;
        var questions = await rewriter.RewriteAsync(claims, cancellationToken);
        ModelOutput.RequireCount(questions.Count, claims.Count, rewriter.RewriterId);
        var next = 0;
        var result = new List<CandidateItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Failed) { result.Add(item); continue; }
            var own = new string[item.Claims.Count];
            for (var k = 0; k < own.Length; k++) own[k] = questions[next++].Trim() + options.Suffix;
            result.Add(item with { Questions = own });
        }
        return result;
    }

    private Task<IEnumerable<CandidateItem>> FailAsync(CandidateItem item, Exception cause, CancellationToken cancellationToken) =>
        deadLetters.FailCandidateAsync(Name, item, cause, string.Join('\n', item.Claims), cancellationToken);
}
