using Microsoft.Extensions.Logging;
using RlaifV.Models;
using RlaifV.Remote;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Composition;

/// <summary>
/// Builds the models a run needs from the models section of pipeline.yaml: in-process checkpoints (<c>backend: llava</c>;
/// models with the same settings share one loaded backend, so the policy as its own labeler loads once) or models on an
/// OpenAI-compatible server (<c>backend: openai</c>; one client per role).
/// </summary>
public static class ModelFactory
{
    /// <summary>The model set for <paramref name="options"/>, remote calls counted on a registry of their own and not logged.</summary>
    public static ModelSet Build(PipelineOptions options) => Build(options, null, null);

    /// <summary>
    /// The model set for <paramref name="options"/> (round <c>run.round</c>: a policy model named with <c>{round}</c> is that
    /// round's); a missing backend is a config error naming its key.
    /// </summary>
    /// <param name="options">The configuration.</param>
    /// <param name="backendMetrics">Where remote backends count their calls (a registry of their own when null).</param>
    /// <param name="loggers">Loggers of the remote backends (none when null).</param>
    public static ModelSet Build(PipelineOptions options, BackendMetrics? backendMetrics, ILoggerFactory? loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loaded = new Dictionary<ModelOptions, LlavaBackend>();
        var owned = new List<IDisposable>();
        backendMetrics ??= new BackendMetrics();
        try
        {
            var models = options.Models;
            IPolicySampler policy = models.Policy.Backend == ModelBackend.Openai
                ? new RemotePolicySampler(Client(models.Policy, BackendRole.Policy, backendMetrics, loggers, owned), options.Run.Round, AdapterOf(models.Policy, options.Run.Round))
                : Replicated(models.Policy, Load(models.Policy, "models.policy", loaded), owned);
            IYesNoLabeler labeler = models.Labeler.Backend == ModelBackend.Openai
                ? new RemoteYesNoLabeler(Client(models.Labeler, BackendRole.Labeler, backendMetrics, loggers, owned))
                : Load(models.Labeler, "models.labeler", loaded).CreateYesNoLabeler();
            var stages = options.ToStageOptions();
            ITextGenerator? llm = !ModelSet.NeedsTextModel(stages) ? null
                : models.Llm.Backend == ModelBackend.Openai
                    ? new RemoteTextGenerator(Client(models.Llm, BackendRole.Llm, backendMetrics, loggers, owned))
                    : Load(models.Llm, "models.llm", loaded).CreateTextGenerator();
            return ModelSet.Compose(policy, labeler, llm, new SkiaImageDecoder(), stages) with { Owned = [.. loaded.Values, .. owned] };
        }
        catch
        {
            foreach (var backend in loaded.Values) backend.Dispose();
            foreach (var client in owned) client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The text model of <paramref name="model"/> on its own (<c>rlaifv eval</c>'s judge): an OpenAI-compatible server's
    /// client or an in-process checkpoint; what it opens is added to <paramref name="owned"/> for the caller to dispose.
    /// </summary>
    public static ITextGenerator TextGenerator(ModelOptions model, string key, List<IDisposable> owned, ILoggerFactory? loggers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(owned);
        if (model.Backend == ModelBackend.Openai) return new RemoteTextGenerator(Client(model, BackendRole.Llm, new BackendMetrics(), loggers, owned));
        var loaded = new Dictionary<ModelOptions, LlavaBackend>();
        var backend = Load(model, key, loaded);
        owned.Add(backend);
        return backend.CreateTextGenerator();
    }

    /// <summary>The model core's options for a <c>models.*</c> entry, loading from <paramref name="path"/>.</summary>
    /// <param name="model">The config entry (device, dtype, batch size, template, threads, stop tokens).</param>
    /// <param name="path">The checkpoint folder (a training round's checkpoint may differ from the entry's path).</param>
    /// <param name="modelId">The id recorded on outputs, or null for the folder's name.</param>
    public static BackendOptions ToBackendOptions(ModelOptions model, string path, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new()
        {
            Path = path,
            ModelId = modelId,
            Device = model.Device,
            DType = model.Dtype,
            BatchSize = model.BatchSize,
            ChatTemplate = model.ChatTemplate,
            PadToSquare = model.PadToSquare,
            Threads = model.Threads,
            StopTokens = model.StopTokens,
        };
    }

    /// <summary>The remote backend's options for a <c>models.*</c> entry with <c>backend: openai</c>.</summary>
    public static RemoteOptions ToRemoteOptions(ModelOptions model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new()
        {
            BaseUrl = model.BaseUrl,
            Model = model.Model,
            ApiKey = model.ApiKey,
            MaxConcurrency = model.MaxConcurrency,
            Timeout = model.Timeout,
            Retries = model.Retries,
            RetryDelay = model.RetryDelay,
            MaxRetryDelay = model.MaxRetryDelay,
            CircuitBreak = model.CircuitBreak,
            CircuitFailureRatio = model.CircuitFailureRatio,
            CircuitMinimumThroughput = model.CircuitMinimumThroughput,
            OutageTimeout = model.OutageTimeout,
            TopLogprobs = model.TopLogprobs,
            WaitTimeout = model.WaitTimeout,
            LoadLora = model.LoadLora,
            Extra = model.Extra,
        };
    }

    private static ChatCompletionsClient Client(ModelOptions model, BackendRole role, BackendMetrics metrics, ILoggerFactory? loggers, List<IDisposable> owned)
    {
        var client = new ChatCompletionsClient(ToRemoteOptions(model), role, metrics, loggers);
        owned.Add(client);
        return client;
    }

    /// <summary>
    /// With <c>load_lora</c>, round r's adapter folder (<c>{models.policy.path}/lora</c>, the round's checkpoint) for rounds
    /// after the first; a round checkpoint without one is a configuration error.
    /// </summary>
    private static string? AdapterOf(ModelOptions policy, int round)
    {
        if (!policy.LoadLora || round == 0) return null;
        var folder = System.IO.Path.Combine(policy.Path, RlaifV.Training.DpoTrainer.AdapterFolderName);
        if (!PeftAdapter.Exists(folder))
            throw new ConfigException($"models.policy.load_lora = true but round {round}'s policy {policy.Path} has no LoRA adapter in {folder} (it is written by training with training.lora.enabled)");
        return System.IO.Path.GetFullPath(folder);
    }

    /// <summary>The policy's sampler: the loaded backend's, or over it and <c>replicas</c> − 1 further copies (owned).</summary>
    private static IPolicySampler Replicated(ModelOptions model, LlavaBackend loaded, List<IDisposable> owned)
    {
        if (model.Replicas <= 1) return loaded.CreatePolicySampler();
        var samplers = new List<IPolicySampler> { loaded.CreatePolicySampler() };
        for (int i = 1; i < model.Replicas; i++)
        {
            var copy = LlavaBackend.Load(loaded.Options);
            owned.Add(copy);
            samplers.Add(copy.CreatePolicySampler());
        }
        var replicated = new ReplicatedPolicySampler(samplers);
        owned.Add(replicated);
        return replicated;
    }

    private static LlavaBackend Load(ModelOptions model, string key, Dictionary<ModelOptions, LlavaBackend> loaded)
    {
        if (model.Backend == ModelBackend.None)
            throw new ConfigException($"{key}.backend = none: this run needs the model; set backend to llava (with path) or openai (with base_url and model)");
        var shared = model with { Extra = NoExtra }; // the remote keys play no part in an in-process load
        if (loaded.TryGetValue(shared, out var existing)) return existing;
        if (!Directory.Exists(model.Path))
            throw new ConfigException($"{key}.path = {model.Path}: the checkpoint folder does not exist");
        var backendOptions = ToBackendOptions(model, model.Path, model.ModelId.Length == 0 ? null : model.ModelId);
        try
        {
            backendOptions.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"{key}: {e.Message}");
        }
        var backend = LlavaBackend.Load(backendOptions);
        loaded[shared] = backend;
        return backend;
    }

    private static readonly Dictionary<string, string> NoExtra = [];
}
