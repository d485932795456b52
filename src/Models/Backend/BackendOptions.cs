namespace RlaifV.Models;

/// <summary>
/// How to load a model from a Hugging Face checkpoint directory (config.json, *.safetensors, tokenizer files,
/// preprocessor_config.json for LLaVA). Immutable; <see cref="Validate"/> names a bad key, its value and what is allowed.
/// </summary>
public sealed record BackendOptions
{
    /// <summary>Checkpoint directory.</summary>
    public required string Path { get; init; }

    /// <summary>Model id recorded on outputs; null uses the directory name.</summary>
    public string? ModelId { get; init; }

    /// <summary>"auto" (cuda when available, else cpu), "cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>"float32", "float16", "bfloat16", or "auto" (the checkpoint's torch_dtype; float32 on cpu).</summary>
    public string DType { get; init; } = "float32";

    /// <summary>Rows per forward pass; larger requests are split.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// Chat template: "auto" (llava-1.5 for LLaVA checkpoints; for text-only ones llama-3 when the tokenizer has its
    /// header tokens, else plain), "llava-1.5", "plain", "llama-3".
    /// </summary>
    public string ChatTemplate { get; init; } = "auto";

    /// <summary>LLaVA-1.5's pad-to-square before resizing (true for the reference recipe).</summary>
    public bool PadToSquare { get; init; } = true;

    /// <summary>
    /// libtorch intra-op threads for the process (a global setting); 0 keeps libtorch's default (one per core). On a small
    /// or shared CPU host, 1 avoids threads waiting on each other for the many small ops of decoding.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>Further stop strings (vocabulary entries) besides end-of-turn and end-of-sequence.</summary>
    public IReadOnlyList<string> StopTokens { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> on the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("model 'path' is empty: must name a checkpoint directory.");
        }

        if (Device is not ("auto" or "cpu" or "cuda") && !System.Text.RegularExpressions.Regex.IsMatch(Device, "^cuda:[0-9]+$"))
        {
            throw new ArgumentException($"model 'device' = '{Device}' is invalid: allowed auto, cpu, cuda, cuda:N.");
        }

        if (DType is not ("auto" or "float32" or "float16" or "bfloat16"))
        {
            throw new ArgumentException($"model 'dtype' = '{DType}' is invalid: allowed auto, float32, float16, bfloat16.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"model 'batch_size' = {BatchSize} is invalid: must be >= 1.");
        }

        if (Threads < 0)
        {
            throw new ArgumentException($"model 'threads' = {Threads} is invalid: must be >= 0 (0 = libtorch default).");
        }

        if (ChatTemplate is not ("auto" or "llava-1.5" or "plain" or "llama-3"))
        {
            throw new ArgumentException($"model 'chat_template' = '{ChatTemplate}' is invalid: allowed auto, llava-1.5, plain, llama-3.");
        }
    }
}
