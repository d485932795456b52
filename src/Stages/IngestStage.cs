using System.Text.Json;
using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages;

/// <summary>
/// Ingest: validates a source's drafts and resolves their images (<see cref="PromptValidator"/>, the check topic load
/// and replay make too), and drops repeated ids (among the last <see cref="IngestOptions.DedupWindow"/> distinct ids:
/// bounded memory). Every input ends in exactly one outcome: a <see cref="PromptItem"/> downstream, or one dead letter
/// with its reason and, when readable, its key (malformed record, wrong field type, invalid encoding, record too large,
/// missing field, empty or too long instruction, unreadable / invalid / oversized image, image outside the image root,
/// hash mismatch, duplicate id, poison).
/// </summary>
public sealed class IngestStage
{
    /// <summary>The stage name used in metrics and dead letters.</summary>
    public const string Name = "ingest";

    private readonly IngestOptions options;
    private readonly DeadLetters deadLetters;
    private readonly IPromptTracker tracker;
    private readonly PipelineMetrics metrics;
    private readonly PromptValidator validator;
    private readonly RecentIds seenIds;
    private readonly TransformManyBlock<IngestItem, PromptItem> block;

    /// <summary>Creates the stage.</summary>
    public IngestStage(IngestOptions options, IImageDecoder decoder, DeadLetters deadLetters, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        this.options = options;
        this.deadLetters = deadLetters;
        this.tracker = tracker;
        this.metrics = metrics;
        validator = new PromptValidator(options, decoder);
        seenIds = new RecentIds(options.DedupWindow);
        block = new TransformManyBlock<IngestItem, PromptItem>(ProcessAsync, new ExecutionDataflowBlockOptions
        {
            BoundedCapacity = options.Capacity,
            MaxDegreeOfParallelism = options.Parallelism,
            EnsureOrdered = true,
            CancellationToken = cancellationToken,
        });
        metrics.AddDepthProbe(Name, () => block.InputCount);
    }

    /// <summary>Where sources send their items.</summary>
    public ITargetBlock<IngestItem> Input => block;

    /// <summary>Validated prompts.</summary>
    public ISourceBlock<PromptItem> Output => block;

    /// <summary>Bounded capacity inside the stage, in prompts.</summary>
    public int Capacity => options.Capacity + options.Parallelism;

    private async Task<IEnumerable<PromptItem>> ProcessAsync(IngestItem item)
    {
        metrics.ItemsIn.WithLabels(Name).Inc();
        var (prompt, reason, detail) = Validate(item);
        if (prompt is null)
        {
            await deadLetters.WriteAsync(Name, reason!, detail!, KeyOf(item), item.Ticket.Origin, item.Raw ?? Describe(item.Draft), CancellationToken.None);
            tracker.Completed(item.Ticket, PromptOutcome.Rejected);
            return [];
        }
        metrics.ItemsOut.WithLabels(Name).Inc();
        return [new PromptItem(prompt, item.Ticket)];
    }

    private (Prompt? Prompt, string? Reason, string? Detail) Validate(IngestItem item)
    {
        if (item.Draft is not { } d) return (null, item.ParseReason ?? DeadLetterReasons.Malformed, item.ParseError ?? "record could not be parsed");
        var (prompt, reason, detail) = validator.Check(d);
        if (prompt is null) return (null, reason, detail);
        if (!seenIds.Add(prompt.Id)) return (null, DeadLetterReasons.DuplicateId, $"prompt id '{prompt.Id}' was already seen in this run");
        return (prompt, null, null);
    }

    private static string? KeyOf(IngestItem item) => string.IsNullOrEmpty(item.Draft?.Id) ? item.Key : item.Draft.Id;

    /// <summary>The draft as JSON (a JSON writer escapes every field; the image as its size, the instruction cut to 4096 characters).</summary>
    private static string Describe(PromptDraft? d) =>
        d is null ? string.Empty : JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = d.Id,
            ["instruction"] = d.Instruction is { Length: > 4096 } text ? text[..4096] + "…" : d.Instruction,
            ["image_path"] = d.ImagePath,
            ["image_bytes"] = d.ImageBytes?.Length ?? 0,
        });
}
