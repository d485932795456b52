using System.Text.Json.Serialization;

namespace RlaifV.Models;

/// <summary>A LLaVA-1.5 checkpoint's <c>config.json</c>: text and vision settings plus the glue between them.</summary>
public sealed record LlavaConfig
{
    /// <summary>The Llama decoder.</summary>
    [JsonPropertyName("text_config")] public LlamaConfig TextConfig { get; init; } = new();

    /// <summary>The CLIP vision tower.</summary>
    [JsonPropertyName("vision_config")] public ClipVisionConfig VisionConfig { get; init; } = new();

    /// <summary>Token id that marks where image features go (one per feature after expansion).</summary>
    [JsonPropertyName("image_token_index")] public int ImageTokenIndex { get; init; } = 32000;

    /// <summary>Projector activation ("gelu").</summary>
    [JsonPropertyName("projector_hidden_act")] public string ProjectorHiddenAct { get; init; } = "gelu";

    /// <summary>"default" drops the CLS feature (LLaVA-1.5); "full" keeps it.</summary>
    [JsonPropertyName("vision_feature_select_strategy")] public string VisionFeatureSelectStrategy { get; init; } = "default";

    /// <summary>Which hidden state of the vision tower feeds the projector (negative counts from the end; -2 = penultimate).</summary>
    [JsonPropertyName("vision_feature_layer")] public int VisionFeatureLayer { get; init; } = -2;

    /// <summary>Padding token id of the combined model, if any.</summary>
    [JsonPropertyName("pad_token_id")] public int? PadTokenId { get; init; }

    /// <summary>Hugging Face model type.</summary>
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "llava";

    /// <summary>Hugging Face architecture names.</summary>
    [JsonPropertyName("architectures")] public IReadOnlyList<string> Architectures { get; init; } = ["LlavaForConditionalGeneration"];

    /// <summary>Data type the checkpoint was saved in, if recorded.</summary>
    [JsonPropertyName("torch_dtype")] public string? TorchDtype { get; init; }

    /// <summary>Image features per image after the select strategy.</summary>
    [JsonIgnore] public int ImageFeatureCount => VisionFeatureSelectStrategy == "full" ? VisionConfig.PatchCount + 1 : VisionConfig.PatchCount;

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        TextConfig.Validate();
        VisionConfig.Validate();
        if (VisionFeatureSelectStrategy is not ("default" or "full"))
        {
            throw new InvalidDataException($"config 'vision_feature_select_strategy' = {VisionFeatureSelectStrategy} is invalid: must be \"default\" or \"full\".");
        }

        int layers = VisionConfig.NumHiddenLayers;
        if (VisionFeatureLayer > layers || VisionFeatureLayer < -(layers + 1))
        {
            throw new InvalidDataException($"config 'vision_feature_layer' = {VisionFeatureLayer} is invalid: must lie in [-{layers + 1}, {layers}].");
        }

        if (ProjectorHiddenAct != "gelu")
        {
            throw new InvalidDataException($"config 'projector_hidden_act' = {ProjectorHiddenAct} is invalid: must be \"gelu\".");
        }

        if (ImageTokenIndex < 0)
        {
            throw new InvalidDataException($"config 'image_token_index' = {ImageTokenIndex} is invalid: must be >= 0.");
        }
    }
}
