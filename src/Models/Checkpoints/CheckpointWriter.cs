using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// Writes checkpoints in the Hugging Face layout: a module's tensors as safetensors (<c>model.safetensors</c> when it fits
/// one shard, else <c>model-0000i-of-0000n.safetensors</c> shards plus <c>model.safetensors.index.json</c>), a LLaVA
/// model's config and preprocessor files with its weights (every trained checkpoint is saved this way), and tokenizer
/// files.
/// </summary>
public static class CheckpointWriter
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>
    /// Saves <paramref name="module"/>'s state into <paramref name="directory"/>, splitting at
    /// <paramref name="maxShardBytes"/>, converting floating tensors to <paramref name="dtype"/> when given, and
    /// leaving out <paramref name="skipKeys"/> (e.g. a tied head). Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Save(nn.Module module, string directory, long maxShardBytes = 2L << 30, ScalarType? dtype = null, IReadOnlyCollection<string>? skipKeys = null)
    {
        Directory.CreateDirectory(directory);
        foreach (var old in Directory.GetFiles(directory, "*.safetensors").Append(Path.Combine(directory, CheckpointLoader.IndexFileName)))
        {
            File.Delete(old);
        }

        var skip = new HashSet<string>(skipKeys ?? [], StringComparer.Ordinal);
        var state = module.state_dict().Where(kv => !skip.Contains(kv.Key)).ToList();
        var shards = new List<List<KeyValuePair<string, Tensor>>> { new() };
        long current = 0;
        foreach (var kv in state)
        {
            long bytes = kv.Value.NumberOfElements * (dtype is { } d && kv.Value.is_floating_point() ? ElementSize(d) : kv.Value.ElementSize);
            if (current > 0 && current + bytes > maxShardBytes)
            {
                shards.Add([]);
                current = 0;
            }

            shards[^1].Add(kv);
            current += bytes;
        }

        var files = new List<string>();
        var weightMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        long total = 0;
        for (int i = 0; i < shards.Count; i++)
        {
            string name = shards.Count == 1 ? CheckpointLoader.SingleFileName : $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            using var scope = NewDisposeScope();
            var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (key, value) in shards[i])
            {
                var t = value.detach().cpu();
                if (dtype is { } target && t.is_floating_point())
                {
                    t = t.to_type(target);
                }

                dict[key] = t.contiguous();
                weightMap[key] = name;
                total += t.NumberOfElements * t.ElementSize;
            }

            string path = Path.Combine(directory, name);
            Safetensors.SaveStateDict(path, dict);
            files.Add(path);
        }

        if (shards.Count > 1)
        {
            var index = new { metadata = new { total_size = total }, weight_map = weightMap };
            File.WriteAllText(Path.Combine(directory, CheckpointLoader.IndexFileName), JsonSerializer.Serialize(index, IndentedJson));
        }

        return files;
    }

    /// <summary>
    /// Saves a LLaVA model's config.json, weights (classic LLaVA-1.5 keys; a tied head is left out) and
    /// preprocessor_config.json into <paramref name="directory"/>. Tokenizer files are the caller's.
    /// </summary>
    public static void SaveLlava(LlavaForConditionalGeneration model, string directory, long maxShardBytes = 2L << 30, ScalarType? dtype = null)
    {
        var config = model.Config;
        Directory.CreateDirectory(directory);
        string dtypeName = (dtype ?? ScalarType.Float32) switch { ScalarType.Float16 => "float16", ScalarType.BFloat16 => "bfloat16", _ => "float32" };
        ConfigJson.Write(Path.Combine(directory, "config.json"), config with { TorchDtype = dtypeName });
        Save(model, directory, maxShardBytes, dtype, config.TextConfig.TieWordEmbeddings ? ["language_model.lm_head.weight"] : null);
        var image = ImageProcessorConfig.ForImageSize(config.VisionConfig.ImageSize);
        var pre = new Dictionary<string, object>
        {
            ["crop_size"] = new Dictionary<string, int> { ["height"] = image.CropSize, ["width"] = image.CropSize },
            ["do_center_crop"] = true,
            ["do_normalize"] = true,
            ["do_rescale"] = true,
            ["do_resize"] = true,
            ["do_convert_rgb"] = true,
            ["image_mean"] = image.ImageMean,
            ["image_std"] = image.ImageStd,
            ["rescale_factor"] = image.RescaleFactor,
            ["resample"] = 3,
            ["size"] = new Dictionary<string, int> { ["shortest_edge"] = image.ShortestEdge },
            ["image_processor_type"] = "CLIPImageProcessor",
        };
        File.WriteAllText(Path.Combine(directory, "preprocessor_config.json"), JsonSerializer.Serialize(pre, IndentedJson));
    }

    /// <summary>Copies a tokenizer.model / tokenizer.json into <paramref name="directory"/> and writes a tokenizer_config.json.</summary>
    public static void CopyTokenizer(string tokenizerSource, string directory)
    {
        string name = Path.GetFileName(tokenizerSource);
        if (name is not ("tokenizer.model" or "tokenizer.json"))
        {
            throw new ArgumentException($"Tokenizer source must be a tokenizer.model or tokenizer.json file, not '{name}'.", nameof(tokenizerSource));
        }

        Directory.CreateDirectory(directory);
        File.Copy(tokenizerSource, Path.Combine(directory, name), overwrite: true);
        string config = Path.Combine(directory, "tokenizer_config.json");
        string sourceConfig = Path.Combine(Path.GetDirectoryName(tokenizerSource) ?? ".", "tokenizer_config.json");
        if (File.Exists(sourceConfig))
        {
            File.Copy(sourceConfig, config, overwrite: true);
        }
        else if (name == "tokenizer.model")
        {
            File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object> { ["bos_token"] = "<s>", ["eos_token"] = "</s>", ["unk_token"] = "<unk>", ["tokenizer_class"] = "LlamaTokenizer" }, IndentedJson));
        }
    }

    private static long ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        _ => 4,
    };
}
