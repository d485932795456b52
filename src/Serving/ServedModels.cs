using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RlaifV.Models;

namespace RlaifV.Serving;

/// <summary>
/// The models a server answers for: the base model (always loaded), the complete checkpoints under
/// <see cref="ServeOptions.CheckpointsDir"/> (listed by folder name) and the LoRA adapters registered through
/// <c>/v1/load_lora_adapter</c> (each served as the base model with the adapter merged in). A checkpoint or adapter is
/// loaded when first asked for; at most <see cref="ServeOptions.MaxLoadedModels"/> stay loaded besides the base, the least
/// recently used unloaded first (after the rows it has queued are done).
/// </summary>
internal sealed class ServedModels : IAsyncDisposable
{
    private const string Manifest = "rlaifv-checkpoint.json";
    private readonly ServeOptions options;
    private readonly ServeMetrics metrics;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, string> adapters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (RowBatcher Batcher, long LastUsed)> loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public ServedModels(ServeOptions options, ServeMetrics metrics, ILogger logger)
    {
        this.options = options;
        this.metrics = metrics;
        this.logger = logger;
        BaseName = options.ServedModelName ?? options.Model.ModelId ?? new DirectoryInfo(options.Model.Path).Name;
        var clock = Stopwatch.StartNew();
        var backend = LlavaBackend.Load(options.Model with { ModelId = BaseName });
        Base = new RowBatcher(backend, BaseName, options, metrics, logger);
        Log.Loaded(logger, BaseName, options.Model.Path, clock.Elapsed.TotalSeconds);
    }

    public string BaseName { get; }

    public RowBatcher Base { get; }

    public long Created => created;

    /// <summary>Every servable name with what it derives from (null for the base and checkpoints; the base for an adapter).</summary>
    public IReadOnlyList<(string Name, string? Parent)> List()
    {
        var names = new List<(string, string?)> { (BaseName, null) };
        names.AddRange(Checkpoints().Keys.Where(n => n != BaseName).Order(StringComparer.Ordinal).Select(n => (n, (string?)null)));
        names.AddRange(adapters.Keys.Order(StringComparer.Ordinal).Select(n => (n, (string?)BaseName)));
        return names;
    }

    /// <summary>Registers an adapter under <paramref name="name"/>; false when the name is taken.</summary>
    public bool TryAddAdapter(string name, string path)
    {
        if (name == BaseName || Checkpoints().ContainsKey(name) || !adapters.TryAdd(name, path)) return false;
        Log.AdapterRegistered(logger, name, path);
        return true;
    }

    /// <summary>Forgets an adapter (and unloads it); false when there is none by that name.</summary>
    public async Task<bool> RemoveAdapterAsync(string name)
    {
        if (!adapters.TryRemove(name, out _)) return false;
        RowBatcher? batcher = null;
        lock (loaded)
        {
            if (loaded.Remove(name, out var entry)) batcher = entry.Batcher;
        }
        if (batcher is not null) await batcher.DisposeAsync();
        return true;
    }

    /// <summary>The batcher of <paramref name="name"/>, loading it when needed; null for a name nothing serves.</summary>
    public async Task<RowBatcher?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (name == BaseName) return Base;
        lock (loaded)
        {
            if (loaded.TryGetValue(name, out var entry))
            {
                loaded[name] = (entry.Batcher, Stopwatch.GetTimestamp());
                return entry.Batcher;
            }
        }
        string? checkpoint = Checkpoints().GetValueOrDefault(name);
        string? adapter = adapters.GetValueOrDefault(name);
        if (checkpoint is null && adapter is null) return null;

        await loading.WaitAsync(cancellationToken);
        try
        {
            lock (loaded)
            {
                if (loaded.TryGetValue(name, out var entry)) return entry.Batcher;
            }
            var clock = Stopwatch.StartNew();
            LlavaBackend backend;
            if (checkpoint is not null)
            {
                backend = await Task.Run(() => LlavaBackend.Load(options.Model with { Path = checkpoint, ModelId = name }), cancellationToken);
            }
            else
            {
                backend = await Task.Run(() =>
                {
                    var merged = LlavaBackend.Load(options.Model with { ModelId = name });
                    try
                    {
                        using var peft = PeftAdapter.Read(adapter!);
                        peft.MergeInto(merged.Module);
                        return merged;
                    }
                    catch
                    {
                        merged.Dispose();
                        throw;
                    }
                }, cancellationToken);
            }
            Log.Loaded(logger, name, checkpoint ?? adapter!, clock.Elapsed.TotalSeconds);
            var batcher = new RowBatcher(backend, name, options, metrics, logger);
            RowBatcher? evicted = null;
            string? evictedName = null;
            lock (loaded)
            {
                loaded[name] = (batcher, Stopwatch.GetTimestamp());
                if (loaded.Count > options.MaxLoadedModels)
                {
                    var oldest = loaded.Where(e => e.Key != name).MinBy(e => e.Value.LastUsed);
                    loaded.Remove(oldest.Key);
                    (evicted, evictedName) = (oldest.Value.Batcher, oldest.Key);
                }
            }
            if (evicted is not null)
            {
                await evicted.DisposeAsync();
                Log.Unloaded(logger, evictedName!);
            }
            return batcher;
        }
        finally
        {
            loading.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<RowBatcher> all;
        lock (loaded)
        {
            all = [.. loaded.Values.Select(v => v.Batcher)];
            loaded.Clear();
        }
        foreach (var b in all) await b.DisposeAsync();
        await Base.DisposeAsync();
        loading.Dispose();
    }

    /// <summary>Complete checkpoints (a manifest and a config) under the checkpoints folder, by folder name.</summary>
    private Dictionary<string, string> Checkpoints()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.CheckpointsDir is not { Length: > 0 } dir || !Directory.Exists(dir)) return found;
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            if (File.Exists(Path.Combine(sub, Manifest)) && File.Exists(Path.Combine(sub, "config.json")))
                found[Path.GetFileName(sub)] = sub;
        }
        return found;
    }
}
