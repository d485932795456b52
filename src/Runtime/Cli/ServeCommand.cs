using System.Globalization;
using RlaifV.Models;
using RlaifV.Serving;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv serve --model DIR</c>: RlaifV's in-process models behind an OpenAI-compatible server
/// (<see cref="ModelServer"/>) until Ctrl+C or SIGTERM. Prints the API root on standard output once it listens.
/// </summary>
public static class ServeCommand
{
    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("serve", "serve",
            "Serve a checkpoint on an OpenAI-compatible API (/v1/models, /v1/chat/completions, /v1/load_lora_adapter, /healthz, /metrics); " +
            "concurrent requests share forward passes.",
            "rlaifv serve --model DIR [--port P] [--host H] [--served-model-name NAME] [--checkpoints DIR] [--batch-window-ms X] [--max-batch-rows N]");
        var model = CliOption.Text("--model", "DIR", "the checkpoint folder to serve (Hugging Face llava-hf or Llama layout)");
        model.Required = true;
        var port = CliOption.Whole("--port", 0, "port to listen on (default 8000; 0: any free port)");
        var host = CliOption.Text("--host", "H", "address to bind (default 127.0.0.1; 0.0.0.0 for every interface)");
        var name = CliOption.Text("--served-model-name", "NAME", "the name requests use (default: the folder's name)");
        var checkpoints = CliOption.Text("--checkpoints", "DIR", "also serve every complete checkpoint in DIR (a run's training.checkpoints_dir) under its folder name");
        var window = CliOption.Number("--batch-window-ms", "a number from 0 to 10000", v => v is >= 0 and <= 10_000, "how long a forward pass waits for more concurrent requests (default 25)");
        var rows = CliOption.Whole("--max-batch-rows", 1, "rows per forward pass at most (default 64; 1: one row per forward pass)");
        var device = CliOption.OneOf("--device", "where the model runs (default auto)", "auto", "cpu", "cuda");
        var dtype = CliOption.OneOf("--dtype", "weights' type (default float32)", "auto", "float32", "float16", "bfloat16");
        var threads = CliOption.Whole("--threads", 0, "libtorch CPU threads (default 0: one per core)");
        var seed = CliOption.WholeLong("--seed", 0, "seed of requests that carry none (default 0)");
        foreach (var option in new System.CommandLine.Option[] { model, port, host, name, checkpoints, window, rows, device, dtype, threads, seed }) verb.Options.Add(option);
        verb.SetHandler(services, global, run => RunAsync(new ServeOptions
        {
            Model = new BackendOptions { Path = run.Get(model)!, Device = run.Get(device) ?? "auto", DType = run.Get(dtype) ?? "float32", Threads = run.Get(threads) ?? 0 },
            ServedModelName = run.Get(name),
            CheckpointsDir = run.Get(checkpoints),
            Host = run.Get(host) ?? "127.0.0.1",
            Port = run.Get(port) ?? 8000,
            BatchWindowMs = run.Get(window) ?? 25,
            MaxBatchRows = run.Get(rows) ?? 64,
            Seed = run.Get(seed) ?? 0,
        }, run));
        return verb;
    }

    /// <summary>Serves until stopped; exit 0 after a graceful stop.</summary>
    public static async Task<int> RunAsync(ServeOptions options, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var problems = options.Problems();
        if (problems.Count > 0) throw new UsageException(string.Join("; ", problems));
        var stop = run.Stop;
        await using var server = await ModelServer.StartAsync(options, run.Loggers, stop);
        await run.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"rlaifv serve: listening on {server.BaseUrl} (model {server.ModelName})"));
        await run.Out.FlushAsync(stop);
        await run.UntilStoppedAsync();
        run.Progress.WriteLine("rlaifv serve: stopping");
        return ExitCodes.Ok;
    }
}
