using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// Creates random checkpoints in the Hugging Face LLaVA-1.5 (or plain Llama) layout with this project's own classes:
/// config.json, safetensors (sharded with an index when larger than a shard), the tokenizer files copied from a
/// source, tokenizer_config.json and preprocessor_config.json. Used by tests, benchmarks and the built-in demo
/// world; also saves trained models (<see cref="SaveLlava"/>).
/// </summary>
public static class TinyCheckpoint
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// A small LLaVA config: vocabulary <paramref name="vocabSize"/> plus one image token, a 2-layer Llama of width 64
    /// (4 query heads, 2 key/value heads) and a 3-layer CLIP of width 32 on 28-pixel images in 7-pixel patches.
    /// </summary>
    public static LlavaConfig TinyConfig(int vocabSize, bool tieWordEmbeddings = false) => new()
    {
        TextConfig = new LlamaConfig
        {
            VocabSize = vocabSize + 1,
            HiddenSize = 64,
            IntermediateSize = 128,
            NumHiddenLayers = 2,
            NumAttentionHeads = 4,
            NumKeyValueHeads = 2,
            RopeTheta = 10000,
            MaxPositionEmbeddings = 512,
            TieWordEmbeddings = tieWordEmbeddings,
            BosTokenId = 1,
            EosTokenIds = [2],
        },
        VisionConfig = new ClipVisionConfig
        {
            HiddenSize = 32,
            IntermediateSize = 64,
            NumHiddenLayers = 3,
            NumAttentionHeads = 2,
            ImageSize = 28,
            PatchSize = 7,
            ProjectionDim = 32,
        },
        ImageTokenIndex = vocabSize,
        VisionFeatureLayer = -2,
    };

    /// <summary>
    /// Fills every parameter the way Hugging Face initialises these models: normal(0, <paramref name="std"/>) for
    /// weights and embeddings, ones for norm weights, zeros for biases; deterministic for a <paramref name="seed"/>.
    /// </summary>
    public static void Initialize(nn.Module module, long seed, double std = 0.02)
    {
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)seed);
        using var one = 1.0.ToScalar();
        foreach (var (name, p) in module.named_parameters())
        {
            bool isNorm = name.Contains("norm", StringComparison.Ordinal) || name.Contains("layrnorm", StringComparison.Ordinal);
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                p.zero_();
            }
            else if (isNorm)
            {
                p.fill_(one);
            }
            else
            {
                p.normal_(0.0, std, generator);
            }
        }
    }

    /// <summary>
    /// Writes a random LLaVA checkpoint of <paramref name="config"/> into <paramref name="directory"/>, tokenizer
    /// files copied from <paramref name="tokenizerSource"/> (a tokenizer.model or tokenizer.json path).
    /// </summary>
    public static void CreateLlava(string directory, LlavaConfig config, string tokenizerSource, long seed, long maxShardBytes = 1L << 30, ScalarType? dtype = null)
    {
        using var model = new LlavaForConditionalGeneration(config);
        Initialize(model, seed);
        SaveLlava(model, directory, maxShardBytes, dtype);
        CopyTokenizer(tokenizerSource, directory);
    }

    /// <summary>Writes a random plain Llama checkpoint (text-only), tokenizer copied from <paramref name="tokenizerSource"/>.</summary>
    public static void CreateLlama(string directory, LlamaConfig config, string tokenizerSource, long seed, long maxShardBytes = 1L << 30)
    {
        config.Validate();
        using var model = new LlamaForCausalLM(config);
        Initialize(model, seed);
        Directory.CreateDirectory(directory);
        ConfigJson.Write(Path.Combine(directory, "config.json"), config with { TorchDtype = "float32" });
        CheckpointWriter.Save(model, directory, maxShardBytes, null, config.TieWordEmbeddings ? ["lm_head.weight"] : null);
        CopyTokenizer(tokenizerSource, directory);
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
        CheckpointWriter.Save(model, directory, maxShardBytes, dtype, config.TextConfig.TieWordEmbeddings ? ["language_model.lm_head.weight"] : null);
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
        File.WriteAllText(Path.Combine(directory, "preprocessor_config.json"), JsonSerializer.Serialize(pre, Indented));
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
            File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object> { ["bos_token"] = "<s>", ["eos_token"] = "</s>", ["unk_token"] = "<unk>", ["tokenizer_class"] = "LlamaTokenizer" }, Indented));
        }
    }
}
