using Xunit;

namespace RlaifV.Training.Tests;

public sealed class LoraTests : IClassFixture<TinyTrainingFixture>
{
    private readonly TinyTrainingFixture _fixture;

    public LoraTests(TinyTrainingFixture fixture) => _fixture = fixture;

    [Fact]
    public void Train_Lora_AdaptsProjectionsOnlyLearnsAndSavesMergedCheckpoint()
    {
        using var backend = TrainingTestData.Load(_fixture.Directory);
        var pairs = DpoTrainerTests.WithReference(backend, TrainingTestData.KnownTokenPairs(8, backend.EndOfTurnId));
        var before = backend.Module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var options = new DpoOptions { LearningRate = 1e-2, GlobalBatch = 4, MicroBatch = 4, Epochs = 20, Trainable = TrainablePart.LanguageModel, Lora = new LoraOptions { Rank = 4 } };
        using var trainer = new DpoTrainer(backend.Engine, options);
        Assert.All(trainer.TrainableParameterNames, n => Assert.Matches(@"\.lora_[AB]$", n));
        Assert.Equal(2 * 7 * 2, trainer.TrainableParameterNames.Count); // 2 layers × 7 projections × (A, B)
        var result = trainer.Train(pairs);
        Assert.True(result.History.TakeLast(5).Average(s => s.Margin) > result.History.Take(5).Average(s => s.Margin) + 0.05, "LoRA training did not raise the margin");
        Assert.True(result.History.TakeLast(5).Average(s => s.Accuracy) > 0.9);
        foreach (var (name, value) in backend.Module.state_dict())
        {
            bool same = before[name].allclose(value, rtol: 0, atol: 0);
            bool adapted = name.EndsWith("_proj.weight", StringComparison.Ordinal) && name.StartsWith("language_model.", StringComparison.Ordinal);
            Assert.True(adapted ? !same : same, name);
        }

        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            var info = trainer.SaveCheckpoint(Path.Combine(dir, "round-0001"), _fixture.Directory);
            using var reloaded = TrainingTestData.Load(info.Directory);
            var rows = pairs.Select(p => p.Prompt with { TokenIds = p.Prompt.TokenIds.Concat(p.Chosen).ToList() }).ToList();
            using var expected = backend.Engine.Logits(rows);
            using var actual = reloaded.Engine.Logits(rows);
            Assert.True(expected.allclose(actual, rtol: 0, atol: 0), "the saved checkpoint is not the merged model");

            // The adapter is also saved unmerged in PEFT's layout, relative to the round's starting policy: merged into a
            // fresh load of that policy it gives the trained model (what a server with dynamic LoRA loading serves).
            string adapterDir = Path.Combine(info.Directory, DpoTrainer.AdapterFolderName);
            Assert.True(File.Exists(Path.Combine(adapterDir, "adapter_config.json")));
            using (var adapter = RlaifV.Models.PeftAdapter.Read(adapterDir))
            {
                Assert.Equal(4, adapter.Rank);
                Assert.Equal(Path.GetFullPath(_fixture.Directory), adapter.BaseModel);
                Assert.Equal(2 * 7, adapter.Factors.Count);
                Assert.Contains("language_model.model.layers.0.self_attn.q_proj", adapter.Factors.Keys);
                using var fresh = TrainingTestData.Load(_fixture.Directory);
                adapter.MergeInto(fresh.Module);
                using var viaAdapter = fresh.Engine.Logits(rows);
                Assert.True(expected.allclose(viaAdapter, rtol: 1e-4, atol: 1e-4), "base + PEFT adapter is not the trained model");
            }
            using (var safetensors = File.OpenRead(Path.Combine(adapterDir, "adapter_model.safetensors")))
            {
                var header = new byte[8];
                safetensors.ReadExactly(header);
                var json = new byte[BitConverter.ToInt64(header)];
                safetensors.ReadExactly(json);
                Assert.Contains("base_model.model.language_model.model.layers.1.mlp.down_proj.lora_B.weight", System.Text.Encoding.UTF8.GetString(json), StringComparison.Ordinal);
            }

            // A second LoRA round from that checkpoint saves one adapter against the first policy: both rounds' factors.
            var second = new DpoTrainer(reloaded.Engine, options with { Epochs = 2 });
            using (second)
            {
                second.Train(pairs);
                var info2 = second.SaveCheckpoint(Path.Combine(dir, "round-0002"), info.Directory);
                using var merged2 = TrainingTestData.Load(info2.Directory);
                using var expected2 = merged2.Engine.Logits(rows);
                using var adapter2 = RlaifV.Models.PeftAdapter.Read(Path.Combine(info2.Directory, DpoTrainer.AdapterFolderName));
                Assert.Equal(8, adapter2.Rank);
                Assert.Equal(Path.GetFullPath(_fixture.Directory), adapter2.BaseModel);
                using var fresh = TrainingTestData.Load(_fixture.Directory);
                adapter2.MergeInto(fresh.Module);
                using var viaAdapter2 = fresh.Engine.Logits(rows);
                Assert.True(expected2.allclose(viaAdapter2, rtol: 1e-4, atol: 1e-4), "base + cumulative adapter is not round 2's policy");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
