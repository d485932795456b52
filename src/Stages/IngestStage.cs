using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;

namespace RlaifV.Stages;

/// <summary>
/// Ingest: validates a source's drafts and resolves their images. Every input ends in exactly one
/// outcome: a <see cref="PromptItem"/> downstream, or one dead letter with its reason (malformed record,
/// missing field, empty instruction, unreadable / invalid / oversized image, image outside the image
/// root, hash mismatch, duplicate id).
/// </summary>
public sealed class IngestStage
{
    /// <summary>The stage name used in metrics and dead letters.</summary>
    public const string Name = "ingest";

    private readonly IngestOptions options;
    private readonly DeadLetters deadLetters;
    private readonly IPromptTracker tracker;
    private readonly PipelineMetrics metrics;
    private readonly string root;
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
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.ImageRoot)) + Path.DirectorySeparatorChar;
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
        if (string.IsNullOrWhiteSpace(d.Id)) return (null, DeadLetterReasons.MissingField, "missing field 'id'");
        if (d.Instruction is null) return (null, DeadLetterReasons.MissingField, "missing field 'instruction' (question)");
        if (string.IsNullOrWhiteSpace(d.Instruction)) return (null, DeadLetterReasons.EmptyInstruction, "the instruction is empty");
        if (d.ImageBytes is null && string.IsNullOrWhiteSpace(d.ImagePath)) return (null, DeadLetterReasons.MissingField, "missing field 'image' (inline bytes or a path)");

        var (bytes, uri, reason, detail) = d.ImageBytes is { } inline ? (inline, d.ImagePath, null, null) : ReadImage(d.ImagePath!);
        if (bytes is null) return (null, reason, detail);
        if (bytes.LongLength > options.MaxImageBytes)
            return (null, DeadLetterReasons.ImageTooLarge, $"image is {bytes.LongLength} bytes, the limit (ingest.max_image_bytes) is {options.MaxImageBytes}");
        if (!ImageHeader.TryRead(bytes, out var format, out var w, out var h))
            return (null, DeadLetterReasons.ImageInvalid, "the image bytes are not a PNG, JPEG, GIF, BMP or WebP image");
        if (w > options.MaxImageSide || h > options.MaxImageSide)
            return (null, DeadLetterReasons.ImageTooLarge, $"{format} image is {w}x{h} pixels, the limit (ingest.max_image_side) is {options.MaxImageSide}");
        var sha = ImageRef.HashOf(bytes);
        if (d.ImageSha256 is { Length: > 0 } declared && !string.Equals(declared, sha, StringComparison.OrdinalIgnoreCase))
            return (null, DeadLetterReasons.ImageHashMismatch, $"declared sha256 {declared} but the bytes hash to {sha}");
        lock (seenLock)
        {
            if (!seenIds.Add(IdHash(d.Id))) return (null, DeadLetterReasons.DuplicateId, $"prompt id '{d.Id}' was already seen in this run");
        }
        var prompt = new Prompt
        {
            Id = d.Id,
            Instruction = d.Instruction.Trim(),
            Kind = d.Kind ?? InferKind(d.Instruction),
            Image = new ImageRef { Uri = uri, Bytes = bytes, Sha256 = sha },
            Source = d.Source,
            Metadata = d.Metadata,
        };
        return (prompt, null, null);
    }

    private (byte[]? Bytes, string? Uri, string? Reason, string? Detail) ReadImage(string path)
    {
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!IsInsideRoot(full)) return (null, null, DeadLetterReasons.ImageOutsideRoot, $"image path '{path}' resolves outside the image root (ingest.image_root = {root})");
        try
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target && !IsInsideRoot(target.FullName))
                return (null, null, DeadLetterReasons.ImageOutsideRoot, $"image path '{path}' links outside the image root");
            if (!info.Exists) return (null, null, DeadLetterReasons.ImageUnreadable, $"image file '{path}' does not exist under {root}");
            if (info.Length > options.MaxImageBytes)
                return (null, null, DeadLetterReasons.ImageTooLarge, $"image is {info.Length} bytes, the limit (ingest.max_image_bytes) is {options.MaxImageBytes}");
            return (File.ReadAllBytes(full), path, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null, DeadLetterReasons.ImageUnreadable, $"image file '{path}' cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// 64 bits of SHA-256 of the id: duplicate detection keeps 8 bytes per prompt instead of the id string
    /// (a collision needs ~4 billion ids for a 50 % chance).
    /// </summary>
    private static long IdHash(string id) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));

    private bool IsInsideRoot(string fullPath) => fullPath.StartsWith(root, StringComparison.Ordinal);

    private static PromptKind InferKind(string instruction) =>
        instruction.Contains("describe", StringComparison.OrdinalIgnoreCase) || instruction.Contains("detail", StringComparison.OrdinalIgnoreCase)
            ? PromptKind.Description
            : PromptKind.ShortAnswer;

    private static string Describe(PromptDraft? d) =>
        d is null ? string.Empty : $"{{\"id\":\"{d.Id}\",\"instruction\":\"{d.Instruction}\",\"image_path\":\"{d.ImagePath}\",\"image_bytes\":{d.ImageBytes?.Length ?? 0}}}";
}
