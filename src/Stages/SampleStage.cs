using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages;

/// <summary>
/// Sample: batches prompts and asks the policy for n candidates of each in one call, every candidate with
/// its own seed derived from (global seed, round, prompt id, index). A prompt the policy fails on is
/// dead-lettered and travels on as n failed candidates, so pairing still completes it.
/// </summary>
public sealed class SampleStage
{
    /// <summary>The stage name used in metrics and dead letters.</summary>
    public const string Name = "sample";

    private readonly SamplingOptions options;
    private readonly RunContext run;
    private readonly IPolicySampler policy;
    private readonly DeadLetters deadLetters;
    private readonly IPromptTracker tracker;
    private readonly PipelineMetrics metrics;
    private readonly BatchedStage<PromptItem, CandidateItem> stage;
    private readonly GenerationSettings settings;

    /// <summary>Creates the stage.</summary>
    public SampleStage(SamplingOptions options, RunContext run, IPolicySampler policy, DeadLetters deadLetters, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        this.tracker = tracker;
        this.options = options;
        this.run = run;
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        settings = options.ToGenerationSettings();
        stage = new BatchedStage<PromptItem, CandidateItem>(Name, options.Batch, metrics, SampleAsync, FailAsync, p => p.Prompt.Id, run.Deterministic, cancellationToken);
    }

    /// <summary>Validated prompts in.</summary>
    public ITargetBlock<PromptItem> Input => stage.Input;

    /// <summary>Candidates out, n per prompt, in prompt order.</summary>
    public ISourceBlock<CandidateItem> Output => stage.Output;

    /// <summary>Sends the stage's partial batch now (see <see cref="Graph.Topology.Flush"/>).</summary>
    internal void Flush() => stage.Flush();

    /// <summary>Bounded capacity inside the stage, in prompts.</summary>
    public int Capacity => stage.Capacity;

    private async Task<IEnumerable<CandidateItem>> SampleAsync(IReadOnlyList<PromptItem> prompts, CancellationToken cancellationToken)
    {
        var requests = new List<SamplingRequest>(prompts.Count * options.N);
        foreach (var p in prompts) CheckFits(p);
        foreach (var p in prompts)
        {
            var image = new ImageInput(p.Prompt.Image.Sha256, p.Prompt.Image.Bytes ?? []) { Uri = p.Prompt.Image.Uri };
            for (var i = 0; i < options.N; i++)
                requests.Add(new SamplingRequest(image, p.Prompt.Instruction, Seeds.ForCandidate(run.GlobalSeed, run.Round, p.Prompt.Id, i)));
        }
        await tracker.StartingAsync(prompts.Select(p => p.Ticket).ToList(), cancellationToken);
        var texts = await policy.SampleAsync(requests, settings, cancellationToken);
        ModelOutput.RequireCount(texts.Count, requests.Count, policy.ModelId);
        var items = new List<CandidateItem>(requests.Count);
        for (var r = 0; r < requests.Count; r++)
        {
            var p = prompts[r / options.N];
            items.Add(new CandidateItem
            {
                Source = p,
                Expected = options.N,
                Candidate = new Candidate
                {
                    PromptId = p.Prompt.Id,
                    Round = run.Round,
                    Index = r % options.N,
                    Seed = requests[r].Seed,
                    Text = texts[r].Text,
                    TokenCount = texts[r].TokenCount,
                    PolicyId = policy.ModelId,
                },
            });
        }
        metrics.Candidates.WithLabels(RoundLabel.Of(run.Round)).Inc(items.Count);
        return items;
    }

    /// <summary>
    /// The prompt's tokens plus the token budget must fit the policy's context (when the policy can tell both); otherwise the
    /// prompt is rejected before any model call (<c>prompt_too_long</c>, with the sizes).
    /// </summary>
    private void CheckFits(PromptItem p)
    {
        if (policy.ContextTokens is not { } context) return;
        var request = new SamplingRequest(new ImageInput(p.Prompt.Image.Sha256, p.Prompt.Image.Bytes ?? []), p.Prompt.Instruction, 0);
        if (policy.PromptTokens(request) is { } tokens && tokens + options.MaxNewTokens > context)
        {
            throw new InputRejectedException(DeadLetterReasons.PromptTooLong, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the prompt is {tokens} tokens; with sampling.max_new_tokens = {options.MaxNewTokens} that is over the policy's context of {context} tokens"));
        }
    }

    private async Task<IEnumerable<CandidateItem>> FailAsync(PromptItem p, Exception cause, CancellationToken cancellationToken)
    {
        await deadLetters.WriteAsync(Name, DeadLetters.ReasonOf(cause), cause.Message, p.Prompt.Id, p.Ticket.Origin, p.Prompt.Instruction, cancellationToken);
        return Enumerable.Range(0, options.N).Select(i => new CandidateItem
        {
            Source = p,
            Expected = options.N,
            Failed = true,
            Candidate = new Candidate
            {
                PromptId = p.Prompt.Id,
                Round = run.Round,
                Index = i,
                Seed = Seeds.ForCandidate(run.GlobalSeed, run.Round, p.Prompt.Id, i),
                Text = string.Empty,
                TokenCount = 0,
                PolicyId = policy.ModelId,
            },
        }).ToList();
    }
}
