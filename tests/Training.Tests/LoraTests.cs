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
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
