using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlaifV.Models;

/// <summary>
/// The Llama decoder's settings, as Hugging Face writes them in <c>config.json</c> (a plain Llama checkpoint) or in
/// the <c>text_config</c> of a LLaVA checkpoint. Defaults are Hugging Face's <c>LlamaConfig</c> defaults, so a
/// partial <c>text_config</c> (as llava-hf checkpoints ship) reads correctly.
/// </summary>
public sealed record LlamaConfig
{
    /// <summary>Number of rows of the token embedding and of the output head.</summary>
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 32000;

    /// <summary>Width of the residual stream.</summary>
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 4096;

    /// <summary>Width of the SwiGLU MLP.</summary>
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 11008;

    /// <summary>Number of decoder layers.</summary>
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 32;

    /// <summary>Number of query heads.</summary>
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 32;

    /// <summary>Number of key/value heads (grouped-query attention); null means one per query head.</summary>
    [JsonPropertyName("num_key_value_heads")] public int? NumKeyValueHeads { get; init; }

    /// <summary>Per-head width; null means hidden_size / num_attention_heads.</summary>
    [JsonPropertyName("head_dim")] public int? HeadDim { get; init; }

    /// <summary>RMSNorm epsilon.</summary>
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-6;

    /// <summary>Rotary embedding base θ.</summary>
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 10000.0;

    /// <summary>Rotary scaling settings; only null (no scaling) is supported.</summary>
    [JsonPropertyName("rope_scaling")] public JsonElement? RopeScaling { get; init; }

    /// <summary>Longest sequence the checkpoint was trained for (informational).</summary>
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 2048;

    /// <summary>Whether the output head shares the token embedding's weight.</summary>
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; }

    /// <summary>Whether q/k/v/o projections carry biases (false for Llama).</summary>
    [JsonPropertyName("attention_bias")] public bool AttentionBias { get; init; }

    /// <summary>Beginning-of-sequence token id.</summary>
    [JsonPropertyName("bos_token_id")] public int? BosTokenId { get; init; } = 1;

    /// <summary>End-of-sequence token id(s) (an integer or a list in config.json).</summary>
    [JsonPropertyName("eos_token_id")]
    [JsonConverter(typeof(IntOrIntListConverter))]
    public IReadOnlyList<int> EosTokenIds { get; init; } = [2];

    /// <summary>Padding token id, if the checkpoint names one.</summary>
    [JsonPropertyName("pad_token_id")] public int? PadTokenId { get; init; }

    /// <summary>Hugging Face model type.</summary>
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "llama";

    /// <summary>Data type the checkpoint was saved in ("float32", "float16", "bfloat16"), if recorded.</summary>
    [JsonPropertyName("torch_dtype")] public string? TorchDtype { get; init; }

    /// <summary>Key/value heads after applying the default.</summary>
    [JsonIgnore] public int KeyValueHeads => NumKeyValueHeads ?? NumAttentionHeads;

    /// <summary>Per-head width after applying the default.</summary>
    [JsonIgnore] public int HeadWidth => HeadDim ?? HiddenSize / NumAttentionHeads;

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        Require(VocabSize > 0, "vocab_size", VocabSize, "> 0");
        Require(HiddenSize > 0, "hidden_size", HiddenSize, "> 0");
        Require(IntermediateSize > 0, "intermediate_size", IntermediateSize, "> 0");
        Require(NumHiddenLayers > 0, "num_hidden_layers", NumHiddenLayers, "> 0");
        Require(NumAttentionHeads > 0, "num_attention_heads", NumAttentionHeads, "> 0");
        Require(KeyValueHeads > 0 && NumAttentionHeads % KeyValueHeads == 0, "num_key_value_heads", KeyValueHeads, "a divisor of num_attention_heads");
        Require(HeadWidth % 2 == 0 && (HeadDim is not null || HiddenSize % NumAttentionHeads == 0), "head_dim", HeadWidth, "even, and hidden_size divisible by num_attention_heads");
        Require(RopeTheta > 0, "rope_theta", RopeTheta, "> 0");
        Require(RopeScaling is null || RopeScaling.Value.ValueKind == JsonValueKind.Null, "rope_scaling", RopeScaling, "null (rotary scaling is not supported)");
    }

    private static void Require(bool ok, string key, object? value, string allowed)
    {
        if (!ok)
        {
            throw new InvalidDataException($"text config '{key}' = {value} is invalid: must be {allowed}.");
        }
    }
}
