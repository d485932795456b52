using System.Globalization;
using System.Text.Json;
using RlaifV.Schemas;

namespace RlaifV.World;

/// <summary>A prompt of the world: its scene (the ground truth, which the pipeline never sees), the rendered image and the instruction.</summary>
/// <param name="Id">Stable id, for example <c>world-r0002-000017</c> or <c>world-eval-000123</c>.</param>
/// <param name="SceneSeed">The seed the scene was drawn from.</param>
/// <param name="Scene">The scene.</param>
/// <param name="Question">The instruction.</param>
/// <param name="Image">The rendered image.</param>
public sealed record WorldPrompt(string Id, ulong SceneSeed, Scene Scene, WorldQuestion Question, RenderedImage Image)
{
    /// <summary>The <see cref="Prompt.Source"/> of world prompts.</summary>
    public const string SourceName = "rlaifv-world";

    /// <summary>The instruction text.</summary>
    public string Instruction => Question.Text;

    /// <summary>Description or short answer.</summary>
    public PromptKind Kind => Question.PromptKind;

    /// <summary>
    /// Metadata as a JSON object: <c>scene_seed</c> (decimal string), <c>scene</c> (<see cref="Scene.ToCode"/>)
    /// and <c>question_kind</c>, so an evaluator can recover the ground truth with <see cref="ReadScene"/>.
    /// </summary>
    public string Metadata => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["scene_seed"] = SceneSeed.ToString(CultureInfo.InvariantCulture),
        ["scene"] = Scene.ToCode(),
        ["question_kind"] = Question.Kind.ToString(),
    });

    /// <summary>The pipeline's prompt record, with the image inline.</summary>
    public Prompt ToPrompt() => new()
    {
        Id = Id,
        Instruction = Instruction,
        Kind = Kind,
        Image = Image.ToImageRef(),
        Source = SourceName,
        Metadata = Metadata,
    };

    /// <summary>One line of the project's JSONL input format (id, instruction, base64 image, image_sha256, kind, source, metadata).</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            w.WriteString("instruction", Instruction);
            w.WriteString("image", Convert.ToBase64String(Image.Png));
            w.WriteString("image_sha256", Image.Sha256);
            w.WriteString("kind", Kind == PromptKind.Description ? "description" : "short_answer");
            w.WriteString("source", SourceName);
            w.WritePropertyName("metadata");
            w.WriteRawValue(Metadata);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The scene recorded in a world prompt's metadata, or null when the metadata has none.</summary>
    public static Scene? ReadScene(string? metadata)
    {
        if (string.IsNullOrEmpty(metadata)) return null;
        try
        {
            using var doc = JsonDocument.Parse(metadata);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("scene", out var s) && s.ValueKind == JsonValueKind.String
                ? Scene.Parse(s.GetString()!)
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }
}
