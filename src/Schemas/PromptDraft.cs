namespace RlaifV.Schemas;

/// <summary>
/// A prompt as a source read it, before validation: any field may be missing or wrong. Ingest turns it
/// into a <see cref="Prompt"/> or a dead letter.
/// </summary>
public sealed record PromptDraft
{
    /// <summary>The draft of an already-typed prompt (a record read from a topic or held in memory).</summary>
    public static PromptDraft Of(Prompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return new()
        {
            Id = prompt.Id,
            Instruction = prompt.Instruction,
            Kind = prompt.Kind,
            ImageBytes = prompt.Image.Bytes,
            ImagePath = prompt.Image.Uri,
            ImageSha256 = prompt.Image.Sha256,
            Source = prompt.Source,
            Metadata = prompt.Metadata,
        };
    }

    /// <summary>The prompt id, if present.</summary>
    public string? Id { get; init; }

    /// <summary>The instruction, if present.</summary>
    public string? Instruction { get; init; }

    /// <summary>The instruction kind, if the source states it; otherwise it is inferred.</summary>
    public PromptKind? Kind { get; init; }

    /// <summary>A path (relative to the image root, or absolute inside it) to read the image from.</summary>
    public string? ImagePath { get; init; }

    /// <summary>The encoded image bytes, if inline.</summary>
    public byte[]? ImageBytes { get; init; }

    /// <summary>The declared SHA-256 of the image, if any (checked when present).</summary>
    public string? ImageSha256 { get; init; }

    /// <summary>The source dataset.</summary>
    public string? Source { get; init; }

    /// <summary>Source metadata as a JSON object string.</summary>
    public string? Metadata { get; init; }
}
