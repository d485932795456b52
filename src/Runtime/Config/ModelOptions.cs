namespace RlaifV.Runtime.Config;

/// <summary>One model: which backend serves it and where its weights are.</summary>
public sealed record ModelOptions
{
    /// <summary>Backend: llava (in-process TorchSharp, a Hugging Face checkpoint folder) or none.</summary>
    public ModelBackend Backend { get; init; } = ModelBackend.None;

    /// <summary>Checkpoint folder (config.json, *.safetensors, tokenizer files).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>"auto" (CUDA when available), "cpu" or "cuda".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>"float32", "float16" or "bfloat16".</summary>
    public string Dtype { get; init; } = "float32";

    /// <summary>Rows per forward pass inside the backend.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Id recorded on outputs; empty uses the checkpoint folder's name.</summary>
    public string ModelId { get; init; } = string.Empty;

    /// <summary>"auto", "llava-1.5", "plain" or "llama-3".</summary>
    public string ChatTemplate { get; init; } = "auto";

    /// <summary>LLaVA-1.5's pad-to-square with the mean colour before resizing.</summary>
    public bool PadToSquare { get; init; } = true;

    /// <summary>libtorch CPU threads for the process; 0 = one per core (use 1 on small or shared hosts).</summary>
    public int Threads { get; init; }

    /// <summary>Extra stop tokens besides end-of-turn and end-of-sequence.</summary>
    public List<string> StopTokens { get; init; } = [];
}
