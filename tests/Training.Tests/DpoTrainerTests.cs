using RlaifV.Models;
using Xunit;
using static TorchSharp.torch;

namespace RlaifV.Training.Tests;

public sealed class DpoTrainerTests : IClassFixture<TinyTrainingFixture>
{
    private static readonly DpoOptions Fast = new() { LearningRate = 1e-3, GlobalBatch = 4, MicroBatch = 4, Epochs = 3, Beta = 0.1, SaveStateEvery = 0 };
    private readonly TinyTrainingFixture _fixture;

    public DpoTrainerTests(TinyTrainingFixture fixture) => _fixture = fixture;

    [Fact]
    public void Train_KnownTokenPairs_AccuracyAboveNinetyPercentAndMarginGrows()
    {
        using var backend = TrainingTestData.Load(_fixture.Directory);
        var pairs = WithReference(backend, TrainingTestData.KnownTokenPairs(16, backend.EndOfTurnId));
        using var trainer = new DpoTrainer(backend.Engine, Fast with { Epochs = 50 });
        var result = trainer.Train(pairs);
        Assert.Equal(200, result.TotalSteps);
        Assert.True(result.Completed);
        var h = result.History;
        double early = h.Take(20).Average(s => s.Margin), middle = h.Skip(90).Take(20).Average(s => s.Margin), late = h.TakeLast(20).Average(s => s.Margin);
        Assert.True(early < middle && middle < late, $"margin should keep growing: {early:F4} < {middle:F4} < {late:F4}");
        Assert.True(h.TakeLast(20).Average(s => s.Accuracy) > 0.9, $"accuracy {h.TakeLast(20).Average(s => s.Accuracy):F2}");
        Assert.True(h.TakeLast(20).Average(s => s.Loss) < h.Take(5).Average(s => s.Loss));

        // Measured afresh (not from the training log): the policy now prefers the known good token by a margin.
        var after = ReferenceLogProbComputer.Compute(backend.Engine, pairs, 8, null, CancellationToken.None);
        Assert.All(after.Zip(pairs), x => Assert.True(
            x.First.Reference!.Chosen.Sum - x.Second.Reference!.Chosen.Sum > x.First.Reference.Rejected.Sum - x.Second.Reference.Rejected.Sum));
    }

    [Fact]
    public void Train_VisionTowerFrozenByDefault_OnlyProjectorAndLanguageModelChange()
    {
        using var backend = TrainingTestData.Load(_fixture.Directory);
        var before = backend.Module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        using var trainer = new DpoTrainer(backend.Engine, Fast);
        Assert.DoesNotContain(trainer.TrainableParameterNames, n => n.StartsWith("vision_tower.", StringComparison.Ordinal));
        Assert.Contains(trainer.TrainableParameterNames, n => n.StartsWith("multi_modal_projector.", StringComparison.Ordinal));
        trainer.Train(WithReference(backend, TrainingTestData.KnownTokenPairs(4, backend.EndOfTurnId)));
        foreach (var (name, value) in backend.Module.state_dict())
        {
            bool same = before[name].allclose(value, rtol: 0, atol: 0);
            if (name.StartsWith("vision_tower.", StringComparison.Ordinal))
            {
                Assert.True(same, name);
            }
            else if (name.StartsWith("language_model.lm_head", StringComparison.Ordinal))
            {
                Assert.False(same, name);
            }
        }
    }

    [Fact]
    public void SaveCheckpoint_Reloaded_ContinuesWithIdenticalLogits()
    {
        using var backend = TrainingTestData.Load(_fixture.Directory);
        var pairs = WithReference(backend, TrainingTestData.KnownTokenPairs(8, backend.EndOfTurnId));
        using var trainer = new DpoTrainer(backend.Engine, Fast with { Epochs = 1 });
        trainer.Train(pairs);
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            var info = trainer.SaveCheckpoint(Path.Combine(dir, "round-0001"), _fixture.Directory);
            Assert.Equal(2, info.Step);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(info.Directory, "model.safetensors")))), info.Sha256);
            Assert.True(File.Exists(Path.Combine(info.Directory, "tokenizer.model")));
            Assert.True(File.Exists(Path.Combine(info.Directory, ModelCheckpoint.ManifestFileName)));
            using var reloaded = TrainingTestData.Load(info.Directory);
            var rows = pairs.Select(p => p.Prompt with { TokenIds = p.Prompt.TokenIds.Concat(p.Chosen).ToList() }).ToList();
            using var expected = backend.Engine.Logits(rows);
            using var actual = reloaded.Engine.Logits(rows);
            Assert.True(expected.allclose(actual, rtol: 0, atol: 0), "logits differ after save and load");
            using var original = TrainingTestData.Load(_fixture.Directory);
            using var untrained = original.Engine.Logits(rows);
            Assert.False(untrained.allclose(actual, rtol: 0, atol: 1e-6), "training changed nothing");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Train_KilledAfterFiveStepsAndResumed_SameWeightsAsUninterrupted()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            Tensor uninterrupted;
            IReadOnlyList<TrainingPair> pairs;
            using (var backend = TrainingTestData.Load(_fixture.Directory))
            {
                pairs = WithReference(backend, TrainingTestData.KnownTokenPairs(16, backend.EndOfTurnId));
                using var trainer = new DpoTrainer(backend.Engine, Fast);
                Assert.Equal(12, trainer.Train(pairs).Step);
                uninterrupted = Flatten(backend);
            }

            string state = Path.Combine(dir, "state");
            using (var killed = TrainingTestData.Load(_fixture.Directory))
            using (var trainer = new DpoTrainer(killed.Engine, Fast with { MaxSteps = 5 }))
            {
                var first = trainer.Train(pairs, state);
                Assert.Equal(5, first.Step);
                Assert.False(first.Completed);
            }

            using (var resumed = TrainingTestData.Load(_fixture.Directory))
            using (var trainer = new DpoTrainer(resumed.Engine, Fast))
            {
                var rest = trainer.Train(pairs, state);
                Assert.Equal(5, rest.StartStep);
                Assert.Equal(12, rest.Step);
                Assert.Equal(7, rest.History.Count);
                using var weights = Flatten(resumed);
                Assert.True(uninterrupted.allclose(weights, rtol: 0, atol: 0), "resumed run differs from the uninterrupted one");
            }

            // A state of other settings is refused rather than silently mixed.
            using var other = TrainingTestData.Load(_fixture.Directory);
            using var otherTrainer = new DpoTrainer(other.Engine, Fast with { Beta = 0.2 });
            var e = Assert.Throws<TrainingException>(() => otherTrainer.Train(pairs, state));
            Assert.Contains("other pairs or settings", e.Message, StringComparison.Ordinal);
            uninterrupted.Dispose();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Train_MissingReferenceLogProbs_ThrowsClearMessage()
    {
        using var backend = TrainingTestData.Load(_fixture.Directory);
        using var trainer = new DpoTrainer(backend.Engine, Fast);
        var e = Assert.Throws<TrainingException>(() => trainer.Train(TrainingTestData.KnownTokenPairs(2, backend.EndOfTurnId)));
        Assert.Contains("reference log-probs", e.Message, StringComparison.Ordinal);
    }

    internal static IReadOnlyList<TrainingPair> WithReference(LlavaBackend backend, IReadOnlyList<TrainingPair> pairs) =>
        ReferenceLogProbComputer.Compute(backend.Engine, pairs, 8, null, CancellationToken.None);

    private static Tensor Flatten(LlavaBackend backend) => cat(backend.Module.parameters().Select(p => p.detach().flatten()).ToList(), 0);
}
