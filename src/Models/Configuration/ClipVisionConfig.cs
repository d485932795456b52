using System.Text.Json.Serialization;

namespace RlaifV.Models;

/// <summary>
/// The CLIP vision tower's settings (the <c>vision_config</c> of a LLaVA checkpoint). Defaults are Hugging Face's
/// <c>CLIPVisionConfig</c> defaults.
/// </summary>
public sealed record ClipVisionConfig
{
    /// <summary>Width of the residual stream.</summary>
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 768;

    /// <summary>Width of the MLP.</summary>
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 3072;

    /// <summary>Number of encoder layers.</summary>
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 12;

    /// <summary>Number of attention heads.</summary>
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 12;

    /// <summary>Input channels.</summary>
    [JsonPropertyName("num_channels")] public int NumChannels { get; init; } = 3;

    /// <summary>Input image side in pixels.</summary>
    [JsonPropertyName("image_size")] public int ImageSize { get; init; } = 224;

    /// <summary>Patch side in pixels.</summary>
    [JsonPropertyName("patch_size")] public int PatchSize { get; init; } = 32;

    /// <summary>LayerNorm epsilon.</summary>
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>MLP activation: "quick_gelu" (CLIP) or "gelu".</summary>
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "quick_gelu";

    /// <summary>CLIP projection width (not used by LLaVA; kept for round trips).</summary>
    [JsonPropertyName("projection_dim")] public int ProjectionDim { get; init; } = 512;

    /// <summary>Hugging Face model type.</summary>
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "clip_vision_model";

    /// <summary>Patches per image side.</summary>
    [JsonIgnore] public int PatchesPerSide => ImageSize / PatchSize;

    /// <summary>Patches per image (CLS excluded).</summary>
    [JsonIgnore] public int PatchCount => PatchesPerSide * PatchesPerSide;

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        Require(HiddenSize > 0 && NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads == 0, "hidden_size", HiddenSize, "a positive multiple of num_attention_heads");
        Require(NumHiddenLayers > 0, "num_hidden_layers", NumHiddenLayers, "> 0");
        Require(PatchSize > 0 && ImageSize % PatchSize == 0, "image_size", ImageSize, "a multiple of patch_size");
        Require(HiddenAct is "quick_gelu" or "gelu", "hidden_act", HiddenAct, "\"quick_gelu\" or \"gelu\"");
    }

    private static void Require(bool ok, string key, object? value, string allowed)
    {
        if (!ok)
        {
            throw new InvalidDataException($"vision config '{key}' = {value} is invalid: must be {allowed}.");
        }
    }
}
