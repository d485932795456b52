namespace RlaifV.Runtime.Config;

/// <summary>One model: which backend serves it and where its weights are.</summary>
public sealed record ModelOptions
{
    /// <summary>Backend: "llava" (in-process TorchSharp, a Hugging Face checkpoint folder) or "none".</summary>
    public string Backend { get; init; } = "none";

    /// <summary>Checkpoint folder (config.json, *.safetensors, tokenizer files).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>"auto" (CUDA when available), "cpu" or "cuda".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>"float32", "float16" or "bfloat16".</summary>
    public string Dtype { get; init; } = "float32";

    /// <summary>Rows per forward pass inside the backend.</summary>
    public int BatchSize { get; init; } = 16;
}
