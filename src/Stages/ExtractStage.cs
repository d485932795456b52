using System.Threading.Tasks.Dataflow;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages;

/// <summary>Extract: divides each candidate into atomic claims with the configured extractor, in batches.</summary>
public sealed class ExtractStage
{
    /// <summary>The stage name used in metrics and dead letters.</summary>
    public const string Name = "extract";

    private readonly RunContext run;
    private readonly IClaimExtractor extractor;
    private readonly DeadLetters deadLetters;
    private readonly BatchedStage<CandidateItem, CandidateItem> stage;

    /// <summary>Creates the stage.</summary>
    public ExtractStage(ClaimsOptions options, RunContext run, IClaimExtractor extractor, DeadLetters deadLetters, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        this.run = run;
        this.extractor = extractor;
        this.deadLetters = deadLetters;
        stage = new BatchedStage<CandidateItem, CandidateItem>(Name, options.Batch, metrics, ExtractAsync, FailAsync, c => c.Key, run.Deterministic, cancellationToken);
    }

    /// <summary>Candidates in.</summary>
    public ITargetBlock<CandidateItem> Input => stage.Input;

    /// <summary>Candidates with claims out.</summary>
    public ISourceBlock<CandidateItem> Output => stage.Output;

    /// <summary>Sends the stage's partial batch now (see <see cref="Graph.Topology.Flush"/>).</summary>
    internal void Flush() => stage.Flush();

    /// <summary>Bounded capacity inside the stage, in candidates.</summary>
    public int Capacity => stage.Capacity;

    private async Task<IEnumerable<CandidateItem>> ExtractAsync(IReadOnlyList<CandidateItem> items, CancellationToken cancellationToken)
    {
        var live = items.Where(i => !i.Failed).ToList();
        if (live.Count == 0) return items;
        var requests = live.Select(i => new ClaimRequest(
            i.Source.Prompt.Instruction, i.Candidate.Text,
            Seeds.Derive(run.GlobalSeed, run.Round, i.Candidate.PromptId, Name, i.Candidate.Index))).ToList();
        var claims = await extractor.ExtractAsync(requests, cancellationToken);
        ModelOutput.RequireCount(claims.Count, live.Count, extractor.ExtractorId);
        var next = 0;
        return items.Select(i => i.Failed ? i : i with { Claims = claims[next++], ExtractorId = extractor.ExtractorId }).ToList();
    }

    private Task<IEnumerable<CandidateItem>> FailAsync(CandidateItem item, Exception cause, CancellationToken cancellationToken) =>
        deadLetters.FailCandidateAsync(Name, item, cause, item.Candidate.Text, cancellationToken);
}
