using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages;

/// <summary>
/// Verify: asks the labeler every question of a batch of candidates in one call and records a verdict per
/// claim: accepted iff P(yes)+P(Yes) &gt; P(no)+P(No).
/// </summary>
public sealed class VerifyStage
{
    /// <summary>The stage name used in metrics and dead letters.</summary>
    public const string Name = "verify";

    private readonly IYesNoLabeler labeler;
    private readonly DeadLetters deadLetters;
    private readonly PipelineMetrics metrics;
    private readonly BatchedStage<CandidateItem, CandidateItem> stage;

    /// <summary>Creates the stage.</summary>
    public VerifyStage(LabelerOptions options, RunContext run, IYesNoLabeler labeler, DeadLetters deadLetters, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        this.labeler = labeler;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        stage = new BatchedStage<CandidateItem, CandidateItem>(Name, options.Batch, metrics, VerifyAsync, FailAsync, c => c.Key, run.Deterministic, cancellationToken);
    }

    /// <summary>Candidates with questions in.</summary>
    public ITargetBlock<CandidateItem> Input => stage.Input;

    /// <summary>Candidates with verdicts out.</summary>
    public ISourceBlock<CandidateItem> Output => stage.Output;

    /// <summary>Sends the stage's partial batch now (see <see cref="Graph.Topology.Flush"/>).</summary>
    internal void Flush() => stage.Flush();

    /// <summary>Bounded capacity inside the stage, in candidates.</summary>
    public int Capacity => stage.Capacity;

    private async Task<IEnumerable<CandidateItem>> VerifyAsync(IReadOnlyList<CandidateItem> items, CancellationToken cancellationToken)
    {
        // A prompt's candidates repeat most of each other's claims: each distinct (image, question) of the batch is
        // asked once and its answer shared (the labeler is deterministic, so the verdicts are the same).
        var requests = new List<YesNoRequest>();
        var slots = new List<int>();
        var distinct = new Dictionary<(string Image, string Question), int>();
        foreach (var (item, index) in items.Select((item, index) => (item, index)).Where(x => !x.item.Failed))
        {
            var image = new ImageInput(item.Source.Prompt.Image.Sha256, item.Source.Prompt.Image.Bytes ?? []) { Uri = item.Source.Prompt.Image.Uri };
            var imageKey = string.IsNullOrEmpty(image.Sha256) ? $"item {index}" : image.Sha256; // no digest: never shared
            foreach (var q in item.Questions)
            {
                if (!distinct.TryGetValue((imageKey, q), out var slot))
                {
                    slot = requests.Count;
                    distinct.Add((imageKey, q), slot);
                    requests.Add(new YesNoRequest(image, q));
                }
                slots.Add(slot);
            }
        }
        if (labeler.ContextTokens is { } context)
        {
            foreach (var request in requests)
            {
                // One position past the question is the answer's: the question must leave it room.
                if (labeler.PromptTokens(request) is { } tokens && tokens + 1 > context)
                    throw new InputRejectedException(DeadLetterReasons.ClaimTooLong, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"the question is {tokens} tokens with its template and image; the labeler's context is {context} tokens"));
            }
        }
        var unique = requests.Count == 0 ? [] : await labeler.ProbeAsync(requests, cancellationToken);
        ModelOutput.RequireCount(unique.Count, requests.Count, labeler.ModelId);
        var answers = slots.Select(s => unique[s]).ToList();
        var next = 0;
        var result = new List<CandidateItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Failed) { result.Add(item); continue; }
            var verdicts = new Verdict[item.Questions.Count];
            for (var k = 0; k < verdicts.Length; k++)
            {
                var p = answers[next++];
                var accepted = Scoring.Accepts(p.PYes, p.PNo);
                verdicts[k] = new Verdict { ClaimIndex = k, Claim = item.Claims[k], Question = item.Questions[k], PYes = p.PYes, PNo = p.PNo, Accepted = accepted };
                metrics.Claims.WithLabels(accepted ? "accepted" : "rejected").Inc();
            }
            result.Add(item with { Verdicts = verdicts, LabelerId = labeler.ModelId });
        }
        return result;
    }

    private Task<IEnumerable<CandidateItem>> FailAsync(CandidateItem item, Exception cause, CancellationToken cancellationToken) =>
        deadLetters.FailCandidateAsync(Name, item, cause, string.Join('\n', item.Questions), cancellationToken);
}
