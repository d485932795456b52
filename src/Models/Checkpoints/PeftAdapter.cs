using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// A LoRA adapter in the layout PEFT saves and inference servers load (vLLM's <c>--lora-modules</c> and
/// <c>/v1/load_lora_adapter</c>): <c>adapter_config.json</c> (peft_type LORA, r, lora_alpha, target_modules,
/// base_model_name_or_path) and <c>adapter_model.safetensors</c> with <c>base_model.model.{module}.lora_A.weight</c>
/// [r, in] and <c>…lora_B.weight</c> [out, r] per adapted Linear; the weight it stands for is W₀ + (α/r)·B·A. Module names
/// are the checkpoint's (classic LLaVA keys; the newer transformers layout is mapped when read).
/// </summary>
public sealed class PeftAdapter : IDisposable
{
    /// <summary>The adapter's configuration file.</summary>
    public const string ConfigFileName = "adapter_config.json";

    /// <summary>The adapter's weights file.</summary>
    public const string WeightsFileName = "adapter_model.safetensors";

    private const string KeyPrefix = "base_model.model.";

    private PeftAdapter(int rank, double alpha, string baseModel, IReadOnlyList<string> targets, Dictionary<string, (Tensor A, Tensor B)> factors)
    {
        Rank = rank;
        Alpha = alpha;
        BaseModel = baseModel;
        Targets = targets;
        Factors = factors;
    }

    /// <summary>LoRA rank r.</summary>
    public int Rank { get; }

    /// <summary>LoRA α (the update is scaled by α/r).</summary>
    public double Alpha { get; }

    /// <summary>What the adapter applies to (base_model_name_or_path).</summary>
    public string BaseModel { get; }

    /// <summary>The projection names adapted (q_proj, v_proj, …).</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Per adapted module (checkpoint name without ".weight"): A [r, in] and B [out, r].</summary>
    public IReadOnlyDictionary<string, (Tensor A, Tensor B)> Factors { get; }

    /// <summary>Whether <paramref name="directory"/> holds an adapter.</summary>
    public static bool Exists(string directory) =>
        File.Exists(Path.Combine(directory, ConfigFileName)) && File.Exists(Path.Combine(directory, WeightsFileName));

    /// <summary>Writes an adapter (files replaced whole): the factors of every adapted module, with rank, α and targets.</summary>
    public static void Save(string directory, IReadOnlyDictionary<string, (Tensor A, Tensor B)> factors, int rank, double alpha, IReadOnlyList<string> targets, string baseModel)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(targets);
        Directory.CreateDirectory(directory);
        using (var scope = NewDisposeScope())
        {
            var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, (a, b)) in factors)
            {
                dict[KeyPrefix + name + ".lora_A.weight"] = a.detach().cpu().contiguous();
                dict[KeyPrefix + name + ".lora_B.weight"] = b.detach().cpu().contiguous();
            }

            string weights = Path.Combine(directory, WeightsFileName);
            Safetensors.SaveStateDict(weights + ".tmp", dict);
            File.Move(weights + ".tmp", weights, overwrite: true);
        }

        var config = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = "CAUSAL_LM",
            ["base_model_name_or_path"] = baseModel,
            ["r"] = rank,
            ["lora_alpha"] = alpha,
            ["lora_dropout"] = 0.0,
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
            ["target_modules"] = new JsonArray(targets.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        };
        string configPath = Path.Combine(directory, ConfigFileName);
        File.WriteAllText(configPath + ".tmp", config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(configPath + ".tmp", configPath, overwrite: true);
    }

    /// <summary>Reads an adapter; a missing file, a non-LoRA config or a key without its pair is an error naming it.</summary>
    public static PeftAdapter Read(string directory)
    {
        string configPath = Path.Combine(directory, ConfigFileName);
        string weightsPath = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"'{directory}' has no {ConfigFileName}: not a PEFT adapter folder.", configPath);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"'{directory}' has no {WeightsFileName}: not a PEFT adapter folder.", weightsPath);
        var config = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject ?? throw new InvalidDataException($"{configPath} is not a JSON object.");
        string type = config["peft_type"]?.GetValue<string>() ?? "";
        if (!string.Equals(type, "LORA", StringComparison.OrdinalIgnoreCase)) throw new InvalidDataException($"{configPath}: peft_type '{type}' is not LORA.");
        int rank = config["r"]?.GetValue<int>() ?? throw new InvalidDataException($"{configPath} has no 'r'.");
        double alpha = config["lora_alpha"]?.GetValue<double>() ?? rank;
        var targets = config["target_modules"] is JsonArray list ? list.Select(t => t?.GetValue<string>() ?? "").ToList() : [];
        string baseModel = config["base_model_name_or_path"]?.GetValue<string>() ?? "";

        var loaded = Safetensors.LoadStateDict(weightsPath);
        var factors = new Dictionary<string, (Tensor A, Tensor B)>(StringComparer.Ordinal);
        try
        {
            foreach (var key in loaded.Keys.Where(k => k.EndsWith(".lora_A.weight", StringComparison.Ordinal)))
            {
                string module = key[..^".lora_A.weight".Length];
                string bKey = module + ".lora_B.weight";
                if (!loaded.TryGetValue(bKey, out var b)) throw new InvalidDataException($"{weightsPath}: '{key}' has no '{bKey}'.");
                string name = CheckpointKeys.ToClassicLlava(module.StartsWith(KeyPrefix, StringComparison.Ordinal) ? module[KeyPrefix.Length..] : module);
                factors[name] = (loaded[key], b);
            }

            if (factors.Count == 0) throw new InvalidDataException($"{weightsPath} holds no lora_A/lora_B weights.");
            foreach (var key in loaded.Keys.Where(k => !k.EndsWith(".lora_A.weight", StringComparison.Ordinal) && !k.EndsWith(".lora_B.weight", StringComparison.Ordinal)))
            {
                throw new InvalidDataException($"{weightsPath}: '{key}' is not a LoRA factor (only lora_A/lora_B weights are supported).");
            }
        }
        catch
        {
            foreach (var t in loaded.Values) t.Dispose();
            throw;
        }

        return new PeftAdapter(rank, alpha, baseModel, targets, factors);
    }

    /// <summary>
    /// Adds (α/r)·B·A to every adapted weight of <paramref name="root"/> (a model loaded from the adapter's base). A module
    /// the model lacks, or a factor whose shape does not fit its weight, is an error naming both.
    /// </summary>
    public void MergeInto(TorchSharp.torch.nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parameters = root.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        double scale = Alpha / Rank;
        using var noGrad = no_grad();
        foreach (var (name, (a, b)) in Factors)
        {
            if (!parameters.TryGetValue(name + ".weight", out var weight))
                throw new InvalidDataException($"The adapter adapts '{name}', which the model does not have.");
            if (a.shape.Length != 2 || b.shape.Length != 2 || b.shape[0] != weight.shape[0] || a.shape[1] != weight.shape[1] || a.shape[0] != b.shape[1])
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"The adapter's factors for '{name}' (A [{string.Join(", ", a.shape)}], B [{string.Join(", ", b.shape)}]) do not fit its weight [{string.Join(", ", weight.shape)}]."));
            using var scope = NewDisposeScope();
            var delta = b.to(ScalarType.Float32, weight.device).matmul(a.to(ScalarType.Float32, weight.device)).mul(scale).to_type(weight.dtype);
            weight.add_(delta);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (a, b) in Factors.Values)
        {
            a.Dispose();
            b.Dispose();
        }
    }
}
