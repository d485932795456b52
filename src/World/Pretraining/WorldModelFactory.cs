using RlaifV.Models;

namespace RlaifV.World.Pretraining;

/// <summary>The world models' LLaVA-1.5 configuration and their random, seeded starting checkpoint.</summary>
public static class WorldModelFactory
{
    /// <summary>Side of the world's images and of the vision tower's input, in pixels.</summary>
    public const int ImageSize = 48;

    /// <summary>Side of a ViT patch, in pixels (36 image tokens per image).</summary>
    public const int PatchSize = 8;

    /// <summary>
    /// The config for a vocabulary of <paramref name="vocabSize"/> ids whose last id is the image token; tied input and
    /// output embeddings; &lt;s&gt;, &lt;/s&gt; and &lt;pad&gt; at the ids <see cref="WorldTokenizer"/> gives them.
    /// </summary>
    public static LlavaConfig Config(PretrainOptions options, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        int image = vocabSize - 1;
        var config = new LlavaConfig
        {
            TextConfig = new LlamaConfig
            {
                VocabSize = vocabSize,
                HiddenSize = options.HiddenSize,
                IntermediateSize = options.IntermediateSize,
                NumHiddenLayers = options.Layers,
                NumAttentionHeads = options.Heads,
                NumKeyValueHeads = options.KeyValueHeads,
                RopeTheta = 10000,
                MaxPositionEmbeddings = 512,
                TieWordEmbeddings = true,
                BosTokenId = image - 3,
                EosTokenIds = [image - 2],
                PadTokenId = image - 1,
            },
            VisionConfig = new ClipVisionConfig
            {
                HiddenSize = options.VisionHiddenSize,
                IntermediateSize = options.VisionHiddenSize * 2,
                NumHiddenLayers = options.VisionLayers,
                NumAttentionHeads = Math.Max(1, options.VisionHiddenSize / 32),
                ImageSize = ImageSize,
                PatchSize = PatchSize,
                ProjectionDim = options.VisionHiddenSize,
            },
            ImageTokenIndex = image,
            PadTokenId = image - 1,
            VisionFeatureLayer = -2,
        };
        config.Validate();
        return config;
    }

    /// <summary>Writes the tokenizer and a randomly initialised checkpoint (seeded) into <paramref name="directory"/>.</summary>
    public static LlavaConfig CreateInitial(string directory, PretrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int vocab = WorldTokenizer.Write(directory);
        var config = Config(options, vocab);
        using var model = new LlavaForConditionalGeneration(config);
        RandomCheckpoint.Initialize(model, (long)(options.Seed & long.MaxValue));
        CheckpointWriter.SaveLlava(model, directory);
        return config;
    }
}
