namespace RlaifV.Runtime.Config;

/// <summary>
/// One model: which backend serves it, where its weights are (llava) or which server and name (openai; the remote keys
/// are documented on <see cref="Remote.RemoteOptions"/>, which this entry maps to).
/// </summary>
public sealed record ModelOptions
{
    /// <summary>Backend: llava (in-process TorchSharp, a Hugging Face checkpoint folder), openai (a model server) or none.</summary>
    public ModelBackend Backend { get; init; } = ModelBackend.None;

    /// <summary>
    /// Checkpoint folder (config.json, *.safetensors, tokenizer files). With openai, the policy's is still the start
    /// checkpoint that <c>rlaifv run</c> trains and measures, and with <c>load_lora</c> the round's checkpoint whose
    /// <c>lora/</c> adapter is registered with the server.
    /// </summary>
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

    /// <summary>
    /// llava, models.policy only: copies of the checkpoint loaded; calls go to a free copy, so up to this many sampling
    /// batches (<c>sampling.batch.parallelism</c>) run side by side. 1 = one copy.
    /// </summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Extra stop tokens besides end-of-turn and end-of-sequence.</summary>
    public List<string> StopTokens { get; init; } = [];

    /// <summary>openai: the server's API root, e.g. http://gpu-1:8000/v1.</summary>
    public string BaseUrl { get; init; } = string.Empty;

    /// <summary>openai: the served model's name; the policy's may contain {round} or {round:D4}.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>openai: bearer token (normally ${NAME} from the environment); never logged or shown.</summary>
    public string ApiKey { get; init; } = string.Empty;

    /// <summary>openai: requests in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>openai: seconds one HTTP attempt may take.</summary>
    public double Timeout { get; init; } = 120;

    /// <summary>openai: retries of a failed attempt (429, 5xx, connection errors, time-outs, malformed answers).</summary>
    public int Retries { get; init; } = 3;

    /// <summary>openai: first retry delay, seconds (doubles each retry, jittered; Retry-After honoured).</summary>
    public double RetryDelay { get; init; } = 1;

    /// <summary>openai: longest retry delay, seconds.</summary>
    public double MaxRetryDelay { get; init; } = 30;

    /// <summary>openai: seconds the circuit stays open after repeated failures.</summary>
    public double CircuitBreak { get; init; } = 30;

    /// <summary>openai: share of failed attempts that opens the circuit.</summary>
    public double CircuitFailureRatio { get; init; } = 0.5;

    /// <summary>openai: attempts seen before the circuit may open.</summary>
    public int CircuitMinimumThroughput { get; init; } = 20;

    /// <summary>openai: seconds an unreachable server is waited for before the run stops.</summary>
    public double OutageTimeout { get; init; } = 600;

    /// <summary>openai, labeler: top_logprobs (1–20) P(yes) and P(no) are read from.</summary>
    public int TopLogprobs { get; init; } = 20;

    /// <summary>openai, policy: seconds to wait for the server to list the round's model.</summary>
    public double WaitTimeout { get; init; } = 600;

    /// <summary>openai, policy: register the round's LoRA adapter (checkpoint/lora) via POST /v1/load_lora_adapter.</summary>
    public bool LoadLora { get; init; }

    /// <summary>openai: merged into every request body (server-specific parameters: top_k, repetition_penalty, ...).</summary>
    public Dictionary<string, string> Extra { get; init; } = [];
}
