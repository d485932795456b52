using System.Globalization;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages;

/// <summary>
/// The one check a prompt passes wherever it enters: file ingest (<see cref="IngestStage"/>), topic load and replay. A
/// draft becomes a <see cref="Prompt"/> when it has an id, an instruction that is not blank and at most
/// <see cref="IngestOptions.MaxInstructionChars"/> long, and an image, inline or read from a path that resolves inside
/// <see cref="IngestOptions.ImageRoot"/> (symbolic links included), no larger than the byte and pixel limits, with a PNG,
/// JPEG, GIF, BMP or WebP header, decoding completely without error (<see cref="IImageDecoder"/>: a truncated or corrupt
/// image is refused), and matching its declared sha256 when it has one; otherwise it is a dead letter with its reason.
/// Repeated ids are the ingest stage's concern (one run's state). Thread-safe.
/// </summary>
public sealed class PromptValidator
{
    private readonly IngestOptions options;
    private readonly IImageDecoder decoder;
    private readonly string root;

    /// <summary>Creates the validator for the <c>ingest</c> settings, decoding images with <paramref name="decoder"/>.</summary>
    public PromptValidator(IngestOptions options, IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(decoder);
        this.options = options;
        this.decoder = decoder;
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
        if (d.Instruction.Length > options.MaxInstructionChars)
            return PromptCheck.Failed(DeadLetterReasons.PromptTooLong, string.Create(CultureInfo.InvariantCulture,
                $"the instruction is {d.Instruction.Length} characters, the limit (ingest.max_instruction_chars) is {options.MaxInstructionChars}"));
        if (d.ImageBytes is null && string.IsNullOrWhiteSpace(d.ImagePath)) return PromptCheck.Failed(DeadLetterReasons.MissingField, "missing field 'image' (inline bytes or a path)");

        var (bytes, uri, reason, detail) = d.ImageBytes is { } inline ? (inline, d.ImagePath, null, null) : ReadImage(d.ImagePath!);
        if (bytes is null) return PromptCheck.Failed(reason!, detail!);
        if (bytes.LongLength > options.MaxImageBytes)
            return PromptCheck.Failed(DeadLetterReasons.ImageTooLarge, $"image is {bytes.LongLength} bytes, the limit (ingest.max_image_bytes) is {options.MaxImageBytes}");
        if (bytes.Length == 0) return PromptCheck.Failed(DeadLetterReasons.ImageInvalid, "the image has no bytes (an empty file or value)");
        if (!ImageHeader.TryRead(bytes, out var format, out var w, out var h))
            return PromptCheck.Failed(DeadLetterReasons.ImageInvalid, "the image bytes are not a PNG, JPEG, GIF, BMP or WebP image");
        if (w > options.MaxImageSide || h > options.MaxImageSide)
            return PromptCheck.Failed(DeadLetterReasons.ImageTooLarge, $"{format} image is {w}x{h} pixels, the limit (ingest.max_image_side) is {options.MaxImageSide}");
        if ((long)w * h > options.MaxImagePixels)
            return PromptCheck.Failed(DeadLetterReasons.ImageTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"{format} image is {w}x{h} = {(long)w * h} pixels, the limit (ingest.max_image_pixels) is {options.MaxImagePixels}"));
        if (decoder.Problem(bytes) is { } problem)
            return PromptCheck.Failed(DeadLetterReasons.ImageInvalid, $"{format} image ({w}x{h}, {bytes.Length} bytes) does not decode: {problem}");
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
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(root, path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return (null, null, DeadLetterReasons.ImageUnreadable, $"image path '{path}' is not a valid path: {e.Message}");
        }
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
