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
    public async Task RunAsync_SelectBestOfThreeSavedCheckpoints_PublishesTheBestScoredOne()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            string pairsDir = Path.Combine(dir, "pairs", "rlaifv");
            await TrainingTestData.WriteRoundAsync(pairsDir, round: 0);
            // 6 pairs, 2 per step, 1 epoch: 3 steps; a third of an epoch → candidates at steps 1, 2 and 3.
            var options = Options(dir, "checkpoints") with { Dpo = new DpoOptions { LearningRate = 1e-3, GlobalBatch = 2, MicroBatch = 2, Epochs = 1 }, SaveEvery = 1.0 / 3, Select = CheckpointSelection.Best };
            var scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["step-000001"] = 0.2, ["step-000002"] = 0.9, ["step-000003"] = 0.5 };
            var evaluator = new ScoreByFolder(scores);
            var published = new List<(int Round, CheckpointInfo Checkpoint)>();
            var job = new RoundTrainingJob(new ParquetRoundPairSource(pairsDir),
                new CheckpointPublishers(new RecordingPublisher(published), new FileCheckpointPublisher(options.CheckpointsDirectory)), selector: evaluator);

            var result = await job.RunAsync(options, _ => { }, null, CancellationToken.None);

            Assert.Equal(["step-000001", "step-000002", "step-000003"], evaluator.Scored);
            string target = Path.Combine(dir, "checkpoints", "round-0001");
            string best = Path.Combine(target + ".candidates", "step-000002");
            string last = Path.Combine(target + ".candidates", "step-000003");
            Assert.NotEqual(ModelCheckpoint.WeightsSha256(best), ModelCheckpoint.WeightsSha256(last));
            var (round, checkpoint) = Assert.Single(published);
            Assert.Equal(1, round);
            Assert.Equal(ModelCheckpoint.WeightsSha256(best), checkpoint.Sha256);
            Assert.Equal(ModelCheckpoint.WeightsSha256(best), ModelCheckpoint.WeightsSha256(target));
            Assert.Equal(Path.GetFullPath(target), checkpoint.Directory);
            Assert.Equal(("best", 2, "score double"), (checkpoint.Selection, checkpoint.Step, checkpoint.Evaluator));
            Assert.Equal([(1, 0.2), (2, 0.9), (3, 0.5)], checkpoint.Candidates.Select(c => (c.Step, c.Score!.Value)));
            Assert.Equal(result.Checkpoint, checkpoint);
            string latest = File.ReadAllText(Path.Combine(dir, "checkpoints", "latest.json"));
            Assert.Contains("\"selection\":\"best\"", latest, StringComparison.Ordinal);
            Assert.Contains("\"selected_step\":2", latest, StringComparison.Ordinal);

            // Rerun: the round is done; the same choice and scores are published again without training or scoring.
            var again = await job.RunAsync(options, _ => { }, null, CancellationToken.None);
            Assert.Null(again.Training);
            Assert.Equal(3, evaluator.Scored.Count);
            Assert.Equal(checkpoint.Sha256, again.Checkpoint.Sha256);
            Assert.Equal("best", again.Checkpoint.Selection);
            Assert.Equal(checkpoint.Candidates, again.Checkpoint.Candidates);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_SelectBestWithoutEvaluator_StopsBeforeTraining()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            string pairsDir = Path.Combine(dir, "pairs", "rlaifv");
            await TrainingTestData.WriteRoundAsync(pairsDir, round: 0);
            var job = new RoundTrainingJob(new ParquetRoundPairSource(pairsDir), new FileCheckpointPublisher(Path.Combine(dir, "checkpoints")));
            var e = await Assert.ThrowsAsync<TrainingException>(() => job.RunAsync(Options(dir, "checkpoints") with { SaveEvery = 0.5, Select = CheckpointSelection.Best }, _ => { }, null, CancellationToken.None));
            Assert.Contains("training.select = best needs", e.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "checkpoints", "round-0001")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(48, 48, 0.25, new[] { 12, 24, 36, 48 })]
    [InlineData(10, 20, 0.5, new[] { 5, 10, 15, 20 })]
    [InlineData(3, 3, 0.34, new[] { 1, 2, 3 })]
    [InlineData(7, 7, 0.0, new int[0])]
    [InlineData(2, 2, 0.1, new[] { 1, 2 })]
    public void Steps_FractionOfAnEpoch_SavesAtTheseSteps(int perEpoch, int total, double saveEvery, int[] expected) =>
        Assert.Equal(expected, CandidateCheckpoints.Steps(perEpoch, total, saveEvery));

    private sealed class ScoreByFolder(Dictionary<string, double> scores) : ICheckpointEvaluator
    {
        public List<string> Scored { get; } = [];

        public string Describe() => "score double";

        public Task<double> ScoreAsync(BackendOptions checkpoint, CancellationToken cancellationToken)
        {
            string name = Path.GetFileName(checkpoint.Path);
            Scored.Add(name);
            return Task.FromResult(scores[name]);
        }
    }

    private sealed class RecordingPublisher(List<(int, CheckpointInfo)> published) : ICheckpointPublisher
    {
        public Task PublishAsync(int nextRound, CheckpointInfo checkpoint, CancellationToken cancellationToken)
        {
            published.Add((nextRound, checkpoint));
            return Task.CompletedTask;
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
