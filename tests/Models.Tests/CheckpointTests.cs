using System.Text.Json.Nodes;
using Xunit;
using static TorchSharp.torch;

namespace RlaifV.Models.Tests;

public sealed class CheckpointTests : IClassFixture<TinyModelFixture>
{
    private readonly TinyModelFixture _fixture;

    public CheckpointTests(TinyModelFixture fixture) => _fixture = fixture;

    [Fact]
    public void Save_TinyLlava_WritesShardsIndexConfigAndTokenizer()
    {
        var files = Directory.GetFiles(_fixture.Directory).Select(Path.GetFileName).ToList();
        Assert.Contains("config.json", files);
        Assert.Contains("model.safetensors.index.json", files);
        Assert.Contains("tokenizer.model", files);
        Assert.Contains("preprocessor_config.json", files);
        Assert.True(files.Count(f => f!.EndsWith(".safetensors", StringComparison.Ordinal)) > 1);
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(_fixture.Directory, "model.safetensors.index.json")))!;
        var keys = index["weight_map"]!.AsObject().Select(kv => kv.Key).ToList();
        Assert.Contains("language_model.model.layers.0.self_attn.q_proj.weight", keys);
        Assert.Contains("language_model.lm_head.weight", keys);
        Assert.Contains("vision_tower.vision_model.embeddings.patch_embedding.weight", keys);
        Assert.Contains("vision_tower.vision_model.encoder.layers.2.mlp.fc2.bias", keys);
        Assert.Contains("vision_tower.vision_model.pre_layrnorm.weight", keys);
        Assert.Contains("multi_modal_projector.linear_2.weight", keys);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(_fixture.Directory, "config.json")))!;
        Assert.Equal(-2, (int)config["vision_feature_layer"]!);
        Assert.Equal(2, (int)config["text_config"]!["num_key_value_heads"]!);
    }

    [Fact]
    public void Load_SavedCheckpoint_GivesIdenticalLogits()
    {
        using var original = new LlavaForConditionalGeneration(_fixture.Config);
        RandomCheckpoint.Initialize(original, seed: 7);
        var engine = new InferenceEngine(original, padId: 2);
        var rows = new[] { _fixture.Backend.EncodePrompt("Describe this image in detail.", TestData.Png(40, 30, 1)) };
        using var expected = engine.Logits(rows);
        using var actual = _fixture.Backend.Engine.Logits(rows);
        Assert.True(expected.allclose(actual, rtol: 0, atol: 0), "logits differ after save/load");
    }

    [Fact]
    public void Load_Bfloat16Checkpoint_LoadsRoundedWeights()
    {
        string dir = TestData.NewTempDirectory();
        try
        {
            RandomCheckpoint.CreateLlava(dir, _fixture.Config, TestData.SentencePieceModel, seed: 7, dtype: ScalarType.BFloat16);
            using var loaded = LlavaBackend.Load(new BackendOptions { Path = dir, Device = "cpu" });
            var loadedState = loaded.Module.state_dict();
            foreach (var (name, value) in _fixture.Backend.Module.state_dict())
            {
                using var rounded = value.to_type(ScalarType.BFloat16).to_type(ScalarType.Float32);
                Assert.True(rounded.allclose(loadedState[name], rtol: 0, atol: 0), name);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_MisShapedTensor_FailsNamingTensorAndBothShapes()
    {
        string dir = CopyCheckpoint();
        try
        {
            string configPath = Path.Combine(dir, "config.json");
            var config = JsonNode.Parse(File.ReadAllText(configPath))!;
            config["text_config"]!["intermediate_size"] = 96;
            File.WriteAllText(configPath, config.ToJsonString());
            var e = Assert.Throws<InvalidDataException>(() => LlavaBackend.Load(new BackendOptions { Path = dir, Device = "cpu" }));
            // e.g. "Tensor 'language_model.model.layers.0.mlp.gate_proj.weight' in model-00002-of-00009.safetensors has shape [128, 64] but the model expects [96, 64]."
            Assert.Matches(@"Tensor 'language_model\.model\.layers\.\d+\.mlp\.\w+_proj\.weight' .* has shape \[(128, 64|64, 128)\] but the model expects \[(96, 64|64, 96)\]", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_TruncatedShard_FailsNamingTensor()
    {
        string dir = CopyCheckpoint();
        try
        {
            string shard = Directory.GetFiles(dir, "model-*.safetensors").Order(StringComparer.Ordinal).Last();
            long length = new FileInfo(shard).Length;
            using (var stream = File.OpenWrite(shard))
            {
                stream.SetLength(length - 100);
            }

            var e = Assert.Throws<InvalidDataException>(() => LlavaBackend.Load(new BackendOptions { Path = dir, Device = "cpu" }));
            Assert.Contains("tensor '", e.Message, StringComparison.Ordinal);
            Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_MissingTensor_FailsNamingIt()
    {
        string dir = TestData.NewTempDirectory();
        try
        {
            using var model = new LlavaForConditionalGeneration(_fixture.Config);
            CheckpointWriter.SaveLlava(model, dir);
            CheckpointWriter.CopyTokenizer(TestData.SentencePieceModel, dir);
            CheckpointWriter.Save(model, dir, skipKeys: ["multi_modal_projector.linear_1.bias"]);
            var e = Assert.Throws<InvalidDataException>(() => LlavaBackend.Load(new BackendOptions { Path = dir, Device = "cpu" }));
            Assert.Contains("'multi_modal_projector.linear_1.bias' [64]", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Load_TiedTextOnlyLlama_LoadsWithoutHeadAndGenerates()
    {
        string dir = TestData.NewTempDirectory();
        try
        {
            var config = _fixture.Config.TextConfig with { TieWordEmbeddings = true };
            RandomCheckpoint.CreateLlama(dir, config, TestData.SentencePieceModel, seed: 3);
            Assert.True(File.Exists(Path.Combine(dir, "model.safetensors")));
            using var backend = LlavaBackend.Load(new BackendOptions { Path = dir, Device = "cpu" });
            Assert.Null(backend.Engine.Llava);
            var generator = backend.CreateTextGenerator();
            var settings = new RlaifV.Stages.Ports.GenerationSettings { Temperature = 0.2, TopP = 0.9, MaxNewTokens = 8 };
            var texts = await generator.GenerateAsync([new("List the claims.", 5), new("List the claims.", 5)], settings, CancellationToken.None);
            Assert.Equal(2, texts.Count);
            Assert.Equal(texts[0], texts[1]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Load_TextOnlyLlamaWithByteLevelBpe_PicksLlama3TemplateAndGenerates()
    {
        string dir = TestData.NewTempDirectory();
        string tokenizerDir = TestData.NewTempDirectory();
        try
        {
            var config = _fixture.Config.TextConfig with { VocabSize = ByteLevelTokenizerFixture.VocabSize, EosTokenIds = [ByteLevelTokenizerFixture.EndOfTurn] };
            RandomCheckpoint.CreateLlama(dir, config, ByteLevelTokenizerFixture.Write(tokenizerDir), seed: 5);
            using var backend = LlavaBackend.Load(new BackendOptions { Path = dir, Device = "cpu" });
            Assert.Equal("llama-3", backend.Template.Name);
            Assert.Equal(ByteLevelTokenizerFixture.EndOfTurn, backend.EndOfTurnId);
            var prompt = backend.EncodePrompt("Is there a dog?", (ReadOnlyMemory<byte>?)null);
            Assert.Equal(ByteLevelTokenizerFixture.BeginOfText, prompt.TokenIds[0]);
            Assert.Equal(ByteLevelTokenizerFixture.StartHeader, prompt.TokenIds[1]);
            var texts = await backend.CreateTextGenerator().GenerateAsync([new("Is there a dog?", 1)], new RlaifV.Stages.Ports.GenerationSettings { Temperature = 0, MaxNewTokens = 4 }, CancellationToken.None);
            Assert.Single(texts);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            Directory.Delete(tokenizerDir, recursive: true);
        }
    }

    [Fact]
    public void ToClassicLlava_NewTransformersKeys_MapToLlava15Keys()
    {
        Assert.Equal("language_model.model.layers.0.mlp.up_proj.weight", CheckpointKeys.ToClassicLlava("model.language_model.layers.0.mlp.up_proj.weight"));
        Assert.Equal("vision_tower.vision_model.post_layernorm.bias", CheckpointKeys.ToClassicLlava("model.vision_tower.vision_model.post_layernorm.bias"));
        Assert.Equal("language_model.lm_head.weight", CheckpointKeys.ToClassicLlava("lm_head.weight"));
        Assert.Equal("multi_modal_projector.linear_1.weight", CheckpointKeys.ToClassicLlava("multi_modal_projector.linear_1.weight"));
    }

    private string CopyCheckpoint()
    {
        string dir = TestData.NewTempDirectory();
        foreach (var f in Directory.GetFiles(_fixture.Directory))
        {
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        }

        return dir;
    }
}
