using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;

namespace RlaifV.Stages;

/// <summary>
/// Ingest: validates a source's drafts and resolves their images (<see cref="PromptValidator"/>, the check topic load
/// and replay make too), and drops repeated ids. Every input ends in exactly one outcome: a <see cref="PromptItem"/>
/// downstream, or one dead letter with its reason (malformed record, missing field, empty instruction, unreadable /
/// invalid / oversized image, image outside the image root, hash mismatch, duplicate id).
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
    private readonly HashSet<long> seenIds = [];
    private readonly Lock seenLock = new();
    private readonly TransformManyBlock<IngestItem, PromptItem> block;

    /// <summary>Creates the stage.</summary>
    public IngestStage(IngestOptions options, DeadLetters deadLetters, IPromptTracker tracker, PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        this.options = options;
        this.deadLetters = deadLetters;
        this.tracker = tracker;
        this.metrics = metrics;
        validator = new PromptValidator(options);
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
            await deadLetters.WriteAsync(Name, reason!, detail!, item.Draft?.Id, item.Ticket.Origin, item.Raw ?? Describe(item.Draft), CancellationToken.None);
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
        lock (seenLock)
        {
            if (!seenIds.Add(IdHash(prompt.Id))) return (null, DeadLetterReasons.DuplicateId, $"prompt id '{prompt.Id}' was already seen in this run");
        }
        return (prompt, null, null);
    }

    /// <summary>
    /// 64 bits of SHA-256 of the id: duplicate detection keeps 8 bytes per prompt instead of the id string
    /// (a collision needs ~4 billion ids for a 50 % chance).
    /// </summary>
    private static long IdHash(string id) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));

    private static string Describe(PromptDraft? d) =>
        d is null ? string.Empty : $"{{\"id\":\"{d.Id}\",\"instruction\":\"{d.Instruction}\",\"image_path\":\"{d.ImagePath}\",\"image_bytes\":{d.ImageBytes?.Length ?? 0}}}";
}
