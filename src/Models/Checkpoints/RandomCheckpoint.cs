using TorchSharp;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// Creates random checkpoints in the Hugging Face LLaVA-1.5 (or plain Llama) layout with this project's own classes:
/// a tiny config, Hugging Face's initialisation, and the files <see cref="CheckpointWriter"/> writes (config.json,
/// safetensors, the tokenizer files copied from a source, tokenizer_config.json and preprocessor_config.json). Used by
/// tests, benchmarks and the built-in world.
/// </summary>
public static class RandomCheckpoint
{
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
        CheckpointWriter.SaveLlava(model, directory, maxShardBytes, dtype);
        CheckpointWriter.CopyTokenizer(tokenizerSource, directory);
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
        CheckpointWriter.CopyTokenizer(tokenizerSource, directory);
    }
}
