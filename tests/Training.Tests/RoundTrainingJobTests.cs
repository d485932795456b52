using RlaifV.Models;
using RlaifV.Schemas;
using Xunit;

namespace RlaifV.Training.Tests;

public sealed class RoundTrainingJobTests : IClassFixture<TinyTrainingFixture>
{
    private readonly TinyTrainingFixture _fixture;

    public RoundTrainingJobTests(TinyTrainingFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task RunAsync_RoundParquet_TrainsPublishesAndRerunReusesReferenceLogProbs()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            string pairsDir = Path.Combine(dir, "pairs", "rlaifv");
            await TrainingTestData.WriteRoundAsync(pairsDir, round: 0);
            var source = new ParquetRoundPairSource(pairsDir);
            var options = Options(dir, "checkpoints");
            var dead = new List<DeadLetter>();
            var job = new RoundTrainingJob(source, new FileCheckpointPublisher(options.CheckpointsDirectory));
            var first = await job.RunAsync(options, dead.Add, null, CancellationToken.None);

            Assert.Equal(8, first.Report.Read);
            Assert.Equal(1, first.Report.Duplicates);
            Assert.Equal(1, first.Report.Malformed);
            Assert.Equal(6, first.Report.Kept);
            Assert.Equal(6, first.ReferenceComputed);
            Assert.Equal(0, first.ReferenceCached);
            Assert.Equal("missing_field", Assert.Single(dead).Reason);
            Assert.Equal(Path.GetFullPath(Path.Combine(dir, "checkpoints", "round-0001")), first.Checkpoint.Directory);
            Assert.Contains(first.Checkpoint.Sha256, File.ReadAllText(Path.Combine(dir, "checkpoints", "latest.json")), StringComparison.Ordinal);
            Assert.False(Directory.Exists(first.Checkpoint.Directory + ".state"));
            using (var next = TrainingTestData.Load(first.Checkpoint.Directory))
            {
                Assert.NotNull(next.Engine.Llava);
            }

            // A rerun into another checkpoints folder reuses the sidecar: no reference log-prob is recomputed.
            var second = await job.RunAsync(Options(dir, "checkpoints-b"), _ => { }, null, CancellationToken.None);
            Assert.Equal(0, second.ReferenceComputed);
            Assert.Equal(6, second.ReferenceCached);
            Assert.Equal(first.Checkpoint.Sha256, second.Checkpoint.Sha256);

            // The same folder again: the round is done, its checkpoint is republished without training.
            var third = await job.RunAsync(options, _ => { }, null, CancellationToken.None);
            Assert.Null(third.Training);
            Assert.Equal(first.Checkpoint.Sha256, third.Checkpoint.Sha256);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_TooFewPairsAfterFiltering_StopsWithClearMessage()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            string pairsDir = Path.Combine(dir, "pairs", "rlaifv");
            await TrainingTestData.WriteRoundAsync(pairsDir, round: 2);
            var job = new RoundTrainingJob(new ParquetRoundPairSource(pairsDir), new FileCheckpointPublisher(Path.Combine(dir, "checkpoints")));
            var e = await Assert.ThrowsAsync<TrainingException>(() => job.RunAsync(Options(dir, "checkpoints") with { Round = 2, MinPairs = 50 }, _ => { }, null, CancellationToken.None));
            Assert.Contains("Round 2 has 6 pairs after filtering", e.Message, StringComparison.Ordinal);
            Assert.Contains("training.min_pairs = 50", e.Message, StringComparison.Ordinal);
            var missing = await Assert.ThrowsAsync<TrainingException>(() => job.RunAsync(Options(dir, "checkpoints") with { Round = 5 }, _ => { }, null, CancellationToken.None));
            Assert.Contains("rlaifv generate --round 5", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private RoundTrainingOptions Options(string dir, string checkpoints) => new()
    {
        Round = 0,
        Policy = new BackendOptions { Path = _fixture.Directory, Device = "cpu", BatchSize = 4, Threads = 1 },
        CheckpointsDirectory = Path.Combine(dir, checkpoints),
        Dpo = new DpoOptions { LearningRate = 1e-3, GlobalBatch = 2, MicroBatch = 2, Epochs = 2 },
        MinPairs = 2,
    };
}
