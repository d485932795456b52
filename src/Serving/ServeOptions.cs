using RlaifV.Models;

namespace RlaifV.Serving;

/// <summary>What <c>rlaifv serve</c> serves and how (the verb's options). Immutable.</summary>
public sealed record ServeOptions
{
    /// <summary>The base model: its checkpoint folder and how to load it (device, dtype, threads, chat template).</summary>
    public required BackendOptions Model { get; init; }

    /// <summary>The name requests use for the base model (default: the checkpoint folder's name).</summary>
    public string? ServedModelName { get; init; }

    /// <summary>
    /// A folder of further checkpoints (a run's <c>training.checkpoints_dir</c>): each complete subfolder (with
    /// rlaifv-checkpoint.json) is listed and served under its folder name (round-0001, …), loaded when first asked for.
    /// </summary>
    public string? CheckpointsDir { get; init; }

    /// <summary>Address to bind (127.0.0.1 by default; 0.0.0.0 for every interface).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to bind (0: any free port, printed at start).</summary>
    public int Port { get; init; } = 8000;

    /// <summary>Milliseconds a forward pass waits for more concurrent requests before it starts.</summary>
    public double BatchWindowMs { get; init; } = 25;

    /// <summary>Rows per forward pass at most (1: one row per forward pass, no batching).</summary>
    public int MaxBatchRows { get; init; } = 64;

    /// <summary>Rows waiting for a forward pass at most; past it requests are answered 429 with Retry-After.</summary>
    public int MaxQueuedRows { get; init; } = 4096;

    /// <summary>Checkpoints (or adapters) besides the base model kept loaded at once (least recently used unloaded first).</summary>
    public int MaxLoadedModels { get; init; } = 2;

    /// <summary>Largest <c>n</c> a request may ask for.</summary>
    public int MaxChoices { get; init; } = 64;

    /// <summary>Seed of requests that carry none (each such request gets its own, derived from it and a counter).</summary>
    public long Seed { get; init; }

    /// <summary>Every problem, each as "--option = value: what is allowed".</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (string.IsNullOrWhiteSpace(Model.Path) || !Directory.Exists(Model.Path)) p.Add($"--model = {Model.Path}: the checkpoint folder does not exist");
        if (CheckpointsDir is { Length: > 0 } dir && !Directory.Exists(dir)) p.Add($"--checkpoints = {dir}: the folder does not exist");
        if (Port is < 0 or > 65535) p.Add($"--port = {Port}: allowed is 0 (any free port) to 65535");
        if (string.IsNullOrWhiteSpace(Host)) p.Add("--host is empty: use 127.0.0.1 (default) or 0.0.0.0");
        if (BatchWindowMs is < 0 or > 10_000 || double.IsNaN(BatchWindowMs)) p.Add($"--batch-window-ms = {BatchWindowMs}: allowed is 0 to 10000");
        if (MaxBatchRows is < 1 or > 100_000) p.Add($"--max-batch-rows = {MaxBatchRows}: allowed is 1 to 100000");
        if (MaxQueuedRows < 1) p.Add($"--max-queued-rows = {MaxQueuedRows}: allowed is a positive number");
        if (MaxLoadedModels < 1) p.Add($"--max-loaded-models = {MaxLoadedModels}: allowed is a positive number");
        return p;
    }
}
