using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas;

/// <summary>One prompt: an image plus an instruction, with a stable id.</summary>
public sealed record Prompt
{
    /// <summary>Stable id; every downstream record and Kafka key derives from it.</summary>
    public required string Id { get; init; }

    /// <summary>The instruction text given to the policy.</summary>
    public required string Instruction { get; init; }

    /// <summary>Which of the method's instruction kinds this is.</summary>
    public required PromptKind Kind { get; init; }

    /// <summary>The image.</summary>
    public required ImageRef Image { get; init; }

    /// <summary>The dataset or source the prompt came from (for example the origin dataset name).</summary>
    public string? Source { get; init; }

    /// <summary>Free-form source metadata as a JSON object string (for example the reference code's metainfos).</summary>
    public string? Metadata { get; init; }

    /// <summary>
    /// The kind of an instruction whose source does not state it: a description when it asks to describe or for detail,
    /// else a short answer.
    /// </summary>
    public static PromptKind KindOf(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return instruction.Contains("describe", StringComparison.OrdinalIgnoreCase) || instruction.Contains("detail", StringComparison.OrdinalIgnoreCase)
            ? PromptKind.Description
            : PromptKind.ShortAnswer;
    }

    /// <summary>Arrow layout; the image travels flattened as uri / bytes / sha256.</summary>
    public static RecordLayout<Prompt> Layout { get; } = new(
        "prompt", 1,
        r => new Prompt
        {
            Id = r.String("prompt_id"),
            Instruction = r.String("instruction"),
            Kind = Enum.Parse<PromptKind>(r.String("kind")),
            Image = new ImageRef { Uri = r.NullableString("image_uri"), Bytes = r.Binary("image_bytes"), Sha256 = r.String("image_sha256") },
            Source = r.NullableString("source"),
            Metadata = r.NullableString("metadata"),
        },
        Col.Utf8<Prompt>("prompt_id", p => p.Id),
        Col.Utf8<Prompt>("instruction", p => p.Instruction),
        Col.Utf8<Prompt>("kind", p => p.Kind.ToString()),
        Col.Utf8<Prompt>("image_uri", p => p.Image.Uri, nullable: true),
        Col.Binary<Prompt>("image_bytes", p => p.Image.Bytes, nullable: true),
        Col.Utf8<Prompt>("image_sha256", p => p.Image.Sha256),
        Col.Utf8<Prompt>("source", p => p.Source, nullable: true),
        Col.Utf8<Prompt>("metadata", p => p.Metadata, nullable: true));
}
