using System.Globalization;
using System.Text.Json;
using RlaifV.GeneratorHost;
using RlaifV.Models;
using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Schemas;
using RlaifV.Stages.Sources;
using RlaifV.TestKit;

namespace RlaifV.Runtime.Tests.Cli;

/// <summary>rlaifv run measures a policy while the next round generates with it.</summary>
public sealed class MeasuringOverlapTests
{
    [Fact]
    public async Task Run_PolicyOneIsMeasuredOnlyOnceRoundOneHasStarted_TheRunFinishesAndEveryRecordHasItsScores()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("images"));
        File.WriteAllBytes(dir.File("images/a.png"), Png.Solid(8, 8));
        File.WriteAllLines(dir.File("prompts.jsonl"), Enumerable.Range(0, 16).Select(i =>
            $$"""{"id":"q{{i:D3}}","instruction":"Describe this image in detail.","image_path":"a.png"}"""));
        ShapesRun.WriteCheckpoint(dir.File("start"), 0.5, 0);
        File.WriteAllText(dir.File("pipeline.yaml"), """
            run: { rounds: 2, prompts_per_round: 8, global_seed: 7 }
            input: { path: prompts.jsonl }
            ingest: { image_root: images }
            sampling: { n: 4, batch: { size: 4, flush_ms: 20 } }
            output: { dir: out }
            metrics: { enabled: false }
            models: { policy: { path: start } }
            training: { checkpoints_dir: checkpoints, min_pairs: 1 }
            kafka: { partitions: 1 }
            """);
        var options = ConfigLoader.LoadFile(dir.File("pipeline.yaml"));
        var prompts = new WatchedPrompts(new FileRoundPrompts(options.Input.Path, PromptFileFormat.Jsonl, 8));
        // Measuring policy 1 waits until round 1's prompts are being loaded: a coordinator that measured before starting the
        // next round would wait here for ever (the evaluator gives up after a minute and the run fails).
        var evaluator = new GatedEvaluator(prompts.Opened(1));
        var job = new RunJob(options.ToRunJobOptions(), new ConfiguredModels(options, o => ShapesRun.Models(o, null)), new ShapesRun.Trainer(), prompts, evaluator, TextWriter.Null);

        var records = await job.RunAsync(CancellationToken.None);

        Assert.Equal([0, 1, 2], records.Select(r => r.Round));
        Assert.All(records, r => Assert.Equal(GatedEvaluator.Scores.ResponseHallucination, r.ResponseHallucination));
        Assert.Equal(3, evaluator.Measured);
        // Each record's seconds is its share of the run's wall time, so none is negative and together they are the run's.
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json")));
        var seconds = summary.RootElement.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("seconds").GetDouble()).ToList();
        Assert.All(seconds, s => Assert.True(s >= 0, s.ToString(CultureInfo.InvariantCulture)));
        Assert.True(seconds[1] > 0 && seconds[2] > 0);
    }

    private sealed class WatchedPrompts(IRoundPrompts inner) : IRoundPrompts
    {
        private readonly TaskCompletionSource[] opened = [.. Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

        public Task Opened(int round) => opened[round].Task;

        public string Describe(int round) => inner.Describe(round);

        public IPromptSource Open(int round)
        {
            opened[round].TrySetResult();
            return inner.Open(round);
        }
    }

    private sealed class GatedEvaluator(Task roundOneStarted) : IRunEvaluator
    {
        public static readonly PolicyScores Scores = new(0.25, 0.05, 0.9, 30, 10, 40, 0);
        private int measured;

        public int Measured => measured;

        public string Describe() => "a gated double";

        public async Task<PolicyScores> MeasureAsync(BackendOptions policy, CancellationToken cancellationToken)
        {
            if (policy.Path.EndsWith("round-0001", StringComparison.Ordinal))
                await roundOneStarted.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            Interlocked.Increment(ref measured);
            return Scores;
        }

        public double? LabelerAgreement(int round, IEnumerable<ScoredCandidate> verdicts) => null;

        public Task<double> ScoreAsync(BackendOptions checkpoint, CancellationToken cancellationToken) => Task.FromResult(0.0);
    }
}
