using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;

namespace RlaifV.Stages;

/// <summary>
/// The one check a prompt passes wherever it enters: file ingest (<see cref="IngestStage"/>), topic load and replay. A
/// draft becomes a <see cref="Prompt"/> when it has an id, an instruction that is not blank and an image, inline or read
/// from a path that resolves inside <see cref="IngestOptions.ImageRoot"/> (symbolic links included), no larger than the
/// byte and pixel limits, with a PNG, JPEG, GIF, BMP or WebP header, and matching its declared sha256 when it has one;
/// otherwise it is a dead letter with its reason. Repeated ids are the ingest stage's concern (one run's state).
/// Thread-safe.
/// </summary>
public sealed class PromptValidator
{
    private readonly IngestOptions options;
    private readonly string root;

    /// <summary>Creates the validator for the <c>ingest</c> settings.</summary>
    public PromptValidator(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.ImageRoot)) + Path.DirectorySeparatorChar;
    }

    /// <summary>Checks <paramref name="draft"/>; a valid prompt carries its image's bytes.</summary>
    public PromptCheck Check(PromptDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var d = draft;
        if (string.IsNullOrWhiteSpace(d.Id)) return PromptCheck.Failed(DeadLetterReasons.MissingField, "missing field 'id'");
        if (d.Instruction is null) return PromptCheck.Failed(DeadLetterReasons.MissingField, "missing field 'instruction' (question)");
        if (string.IsNullOrWhiteSpace(d.Instruction)) return PromptCheck.Failed(DeadLetterReasons.EmptyInstruction, "the instruction is empty");
        if (d.ImageBytes is null && string.IsNullOrWhiteSpace(d.ImagePath)) return PromptCheck.Failed(DeadLetterReasons.MissingField, "missing field 'image' (inline bytes or a path)");

        var (bytes, uri, reason, detail) = d.ImageBytes is { } inline ? (inline, d.ImagePath, null, null) : ReadImage(d.ImagePath!);
        if (bytes is null) return PromptCheck.Failed(reason!, detail!);
        if (bytes.LongLength > options.MaxImageBytes)
            return PromptCheck.Failed(DeadLetterReasons.ImageTooLarge, $"image is {bytes.LongLength} bytes, the limit (ingest.max_image_bytes) is {options.MaxImageBytes}");
        if (!ImageHeader.TryRead(bytes, out var format, out var w, out var h))
            return PromptCheck.Failed(DeadLetterReasons.ImageInvalid, "the image bytes are not a PNG, JPEG, GIF, BMP or WebP image");
        if (w > options.MaxImageSide || h > options.MaxImageSide)
            return PromptCheck.Failed(DeadLetterReasons.ImageTooLarge, $"{format} image is {w}x{h} pixels, the limit (ingest.max_image_side) is {options.MaxImageSide}");
        var sha = ImageRef.HashOf(bytes);
        if (d.ImageSha256 is { Length: > 0 } declared && !string.Equals(declared, sha, StringComparison.OrdinalIgnoreCase))
            return PromptCheck.Failed(DeadLetterReasons.ImageHashMismatch, $"declared sha256 {declared} but the bytes hash to {sha}");
        return new PromptCheck(new Prompt
        {
            Id = d.Id,
            Instruction = d.Instruction.Trim(),
            Kind = d.Kind ?? Prompt.KindOf(d.Instruction),
            Image = new ImageRef { Uri = uri, Bytes = bytes, Sha256 = sha },
            Source = d.Source,
            Metadata = d.Metadata,
        }, null, null);
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

    private bool IsInsideRoot(string fullPath) => fullPath.StartsWith(root, StringComparison.Ordinal);
}
