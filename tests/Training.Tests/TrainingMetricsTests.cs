using Prometheus;
using Xunit;

namespace RlaifV.Training.Tests;

public sealed class TrainingMetricsTests : IClassFixture<TinyTrainingFixture>
{
    private readonly TinyTrainingFixture _fixture;

    public TrainingMetricsTests(TinyTrainingFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Train_WithCustomRegistry_ExposesPerStepGauges()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new TrainingMetrics(registry);
        using var backend = TrainingTestData.Load(_fixture.Directory);
        var pairs = DpoTrainerTests.WithReference(backend, TrainingTestData.KnownTokenPairs(4, backend.EndOfTurnId));
        using var trainer = new DpoTrainer(backend.Engine, new DpoOptions { LearningRate = 1e-3, GlobalBatch = 2, MicroBatch = 1, Epochs = 1 }, null, metrics);
        var result = trainer.Train(pairs);
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        string text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        foreach (string name in new[] { "rlaifv_train_loss", "rlaifv_train_reward_margin", "rlaifv_train_reward_accuracy", "rlaifv_train_chosen_reward", "rlaifv_train_rejected_reward", "rlaifv_train_learning_rate", "rlaifv_train_tokens_per_second" })
        {
            Assert.Contains($"# TYPE {name} gauge", text, StringComparison.Ordinal);
        }

        Assert.Contains("rlaifv_train_steps_total 2", text, StringComparison.Ordinal);
        Assert.Equal(result.History[^1].Loss, metrics.Loss.Value, 9);
        Assert.True(metrics.TokensPerSecond.Value > 0);
    }
}
