using RlaifV.Models;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Composition;

/// <summary>
/// Builds the models a run needs from the models section of pipeline.yaml. Models with the same settings
/// share one loaded backend (self-alignment: the policy as its own labeler loads once).
/// </summary>
public static class ModelFactory
{
    /// <summary>The model set for <paramref name="options"/>; a missing backend is a config error naming its key.</summary>
    public static ModelSet Build(PipelineOptions options)
    {
        var loaded = new Dictionary<ModelOptions, LlavaBackend>();
        try
        {
            var policy = Load(options.Models.Policy, "models.policy", loaded).CreatePolicySampler();
            var labeler = Load(options.Models.Labeler, "models.labeler", loaded).CreateYesNoLabeler();
            var stages = options.ToStageOptions();
            var llm = ModelSet.NeedsTextModel(stages) ? Load(options.Models.Llm, "models.llm", loaded).CreateTextGenerator() : null;
            return ModelSet.Compose(policy, labeler, llm, new SkiaImageDecoder(), stages) with { Owned = [.. loaded.Values] };
        }
        catch
        {
            foreach (var backend in loaded.Values) backend.Dispose();
            throw;
        }
    }

    /// <summary>The model core's options for a <c>models.*</c> entry, loading from <paramref name="path"/>.</summary>
    /// <param name="model">The config entry (device, dtype, batch size, template, threads, stop tokens).</param>
    /// <param name="path">The checkpoint folder (a training round's checkpoint may differ from the entry's path).</param>
    /// <param name="modelId">The id recorded on outputs, or null for the folder's name.</param>
    public static BackendOptions ToBackendOptions(ModelOptions model, string path, string? modelId = null) => new()
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

    private static LlavaBackend Load(ModelOptions model, string key, Dictionary<ModelOptions, LlavaBackend> loaded)
    {
        if (model.Backend == ModelBackend.None)
            throw new ConfigException($"{key}.backend = none: this run needs the model; set backend to llava and path to a checkpoint folder");
        if (loaded.TryGetValue(model, out var existing)) return existing;
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
        loaded[model] = backend;
        return backend;
    }
}
