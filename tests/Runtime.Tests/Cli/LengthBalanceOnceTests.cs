using RlaifV.GeneratorHost;
using RlaifV.Orchestration;
using RlaifV.Runtime.Cli;
using RlaifV.TestKit;
using RlaifV.Training;

namespace RlaifV.Runtime.Tests;

/// <summary>The length-balance filter runs once: in the generator's windows, or in the trainer over the round, never both.</summary>
public class LengthBalanceOnceTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(4, false)]
    public async Task Run_GeneratorWindowAndTrainingLengthBalance_TheTrainerFiltersOnlyWhenNoWindowDid(int window, bool trainerFilters)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("images"));
        File.WriteAllBytes(dir.File("images/a.png"), Png.Solid(8, 8));
        File.WriteAllLines(dir.File("prompts.jsonl"), Enumerable.Range(0, 12).Select(i =>
            $$"""{"id":"q{{i:D3}}","instruction":"Describe this image in detail.","image_path":"a.png"}"""));
        ShapesRun.WriteCheckpoint(dir.File("start"), 0.5, 0);
        File.WriteAllText(dir.File("pipeline.yaml"), $$"""
            run: { rounds: 1, prompts_per_round: 12, global_seed: 7 }
            input: { path: prompts.jsonl }
            ingest: { image_root: images }
            sampling: { n: 8, batch: { size: 8, flush_ms: 20 } }
            pairing: { length_balance_window: {{window}} }
            output: { dir: out }
            metrics: { enabled: false }
            models: { policy: { path: start } }
            training: { checkpoints_dir: checkpoints, min_pairs: 1, length_balance: true }
            kafka: { partitions: 2, session_timeout_ms: 2000 }
            """);
        var trainer = new RecordingTrainer();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["run", "--config", dir.File("pipeline.yaml")], new StringWriter(), stderr, o => ShapesRun.Models(o, null), trainer);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal([trainerFilters], trainer.LengthBalance);
    }

    /// <summary>The run tests' training double, recording whether each round was asked to apply the length-balance filter.</summary>
    private sealed class RecordingTrainer : IRoundTrainer
    {
        private readonly ShapesRun.Trainer inner = new();

        public List<bool> LengthBalance { get; } = [];

        public Task<RoundTrainingResult> TrainAsync(RoundTrainingRequest request, CancellationToken cancellationToken)
        {
            LengthBalance.Add(request.Training.LengthBalance);
            return inner.TrainAsync(request, cancellationToken);
        }
    }
}
