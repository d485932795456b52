using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlaifV.Models;

/// <summary>
/// Image preprocessing settings, read from a checkpoint's <c>preprocessor_config.json</c> (Hugging Face
/// CLIPImageProcessor fields) plus LLaVA-1.5's pad-to-square step, which HF's processor config does not record.
/// </summary>
public sealed record ImageProcessorConfig
{
    /// <summary>Per-channel mean (RGB, 0..1); also the padding colour.</summary>
    public IReadOnlyList<double> ImageMean { get; init; } = [0.48145466, 0.4578275, 0.40821073];

    /// <summary>Per-channel standard deviation (RGB, 0..1).</summary>
    public IReadOnlyList<double> ImageStd { get; init; } = [0.26862954, 0.26130258, 0.27577711];

    /// <summary>Resize so the shortest edge has this many pixels.</summary>
    public int ShortestEdge { get; init; } = 336;

    /// <summary>Centre-crop side after resizing.</summary>
    public int CropSize { get; init; } = 336;

    /// <summary>Multiplier from 0..255 byte values to 0..1.</summary>
    public double RescaleFactor { get; init; } = 1.0 / 255.0;

    /// <summary>Whether to normalise with mean/std.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>LLaVA-1.5's "pad" aspect-ratio mode: pad to a square with the mean colour before resizing.</summary>
    public bool PadToSquare { get; init; } = true;

    /// <summary>Defaults for a vision tower of side <paramref name="imageSize"/> (CLIP mean/std).</summary>
    public static ImageProcessorConfig ForImageSize(int imageSize) => new() { ShortestEdge = imageSize, CropSize = imageSize };

    /// <summary>
    /// Reads <c>preprocessor_config.json</c> (size as {shortest_edge} / {height,width} / an integer; crop_size likewise),
    /// falling back to <paramref name="imageSize"/> for absent sizes.
    /// </summary>
    public static ImageProcessorConfig Read(string path, int imageSize, bool padToSquare)
    {
        var o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object.");
        var defaults = ForImageSize(imageSize);
        return defaults with
        {
            ImageMean = Doubles(o["image_mean"]) ?? defaults.ImageMean,
            ImageStd = Doubles(o["image_std"]) ?? defaults.ImageStd,
            ShortestEdge = Side(o["size"]) ?? imageSize,
            CropSize = (o["do_center_crop"]?.GetValue<bool>() ?? true) ? Side(o["crop_size"]) ?? imageSize : Side(o["size"]) ?? imageSize,
            RescaleFactor = o["do_rescale"]?.GetValue<bool>() == false ? 1.0 : o["rescale_factor"]?.GetValue<double>() ?? defaults.RescaleFactor,
            Normalize = o["do_normalize"]?.GetValue<bool>() ?? true,
            PadToSquare = padToSquare,
        };
    }

    private static double[]? Doubles(JsonNode? node) => node is JsonArray a ? a.Select(x => x!.GetValue<double>()).ToArray() : null;

    private static int? Side(JsonNode? node) => node switch
    {
        null => null,
        JsonObject s when s["shortest_edge"] is { } e => e.GetValue<int>(),
        JsonObject s when s["height"] is { } h => h.GetValue<int>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<int>(),
        _ => null,
    };
}
