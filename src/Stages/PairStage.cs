using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages;

/// <summary>
/// Score+Pair: collects the n candidates of each prompt, scores each (−rejected claims; no claims, no
/// score), forms every pair with a score difference of at least <see cref="PairingOptions.MinDelta"/>
/// (ties never, identical texts never) and samples <see cref="PairingOptions.PairsPerPrompt"/> of them with
/// an RNG seeded from (global seed, round, prompt id).
/// </summary>
public sealed class PairStage
{
    /// <summary>The stage name used in metrics and dead letters.</summary>
    public const string Name = "pair";

    private readonly PairingOptions options;
    private readonly RunContext run;
    private readonly PipelineMetrics metrics;
    private readonly Dictionary<string, List<CandidateItem>> open = new(StringComparer.Ordinal);
    private readonly TransformManyBlock<CandidateItem, PromptResult> block;

    /// <summary>Creates the stage.</summary>
    public PairStage(PairingOptions options, RunContext run, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        this.options = options;
        this.run = run;
        this.metrics = metrics;
        block = new TransformManyBlock<CandidateItem, PromptResult>(Collect, new ExecutionDataflowBlockOptions
        {
            BoundedCapacity = options.Capacity,
            MaxDegreeOfParallelism = 1,
            CancellationToken = cancellationToken,
        });
        metrics.AddDepthProbe(Name, () => block.InputCount);
    }

    /// <summary>Verified candidates in.</summary>
    public ITargetBlock<CandidateItem> Input => block;

    /// <summary>One result per completed prompt.</summary>
    public ISourceBlock<PromptResult> Output => block;

    /// <summary>Bounded capacity of the stage's input, in candidates.</summary>
    public int Capacity => options.Capacity;

    /// <summary>Candidates held while waiting for the rest of their prompt (for diagnostics and tests).</summary>
    public int Waiting { get; private set; }

    private IEnumerable<PromptResult> Collect(CandidateItem item)
    {
        metrics.ItemsIn.WithLabels(Name).Inc();
        var id = item.Source.Prompt.Id;
        if (!open.TryGetValue(id, out var group)) open[id] = group = new List<CandidateItem>(item.Expected);
        group.Add(item);
        Waiting++;
        if (group.Count < item.Expected) return [];
        open.Remove(id);
        Waiting -= group.Count;
        var result = Complete(item.Source, group, options, run);
        metrics.ItemsOut.WithLabels(Name).Inc();
        return [result];
    }

    /// <summary>Scores a prompt's candidates and samples its pairs (pure; the stage's rule).</summary>
    public static PromptResult Complete(PromptItem source, IReadOnlyList<CandidateItem> candidates, PairingOptions options, RunContext run)
    {
        var scored = candidates
            .Where(c => !c.Failed)
            .OrderBy(c => c.Candidate.Index)
            .Select(c => new ScoredCandidate { Candidate = c.Candidate, Verdicts = c.Verdicts, Score = Scoring.Score(c.Verdicts, options.Score), LabelerId = c.LabelerId })
            .ToList();
        var eligible = Pairing.Eligible(scored, options.MinDelta);
        var seed = Seeds.Derive(run.GlobalSeed, run.Round, source.Prompt.Id, "pairs");
        var pairs = Pairing.Sample(eligible, options.PairsPerPrompt, seed)
            .Select(p => Pairing.ToPair(source.Prompt, p.Chosen, p.Rejected))
            .ToList();
        return new PromptResult(source, scored, pairs, candidates.Count(c => c.Failed));
    }
}
