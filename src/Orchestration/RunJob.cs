using System.Diagnostics;
using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;
using RlaifV.Stages;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Rules;
using RlaifV.Training;

namespace RlaifV.Orchestration;

/// <summary>
/// <c>rlaifv run</c>: the method's outer loop for <see cref="RunJobOptions.Rounds"/> rounds, through Kafka (the embedded
/// broker by default). Round r is four steps: <b>generate</b> (put the round's fresh prompts on the prompts topic; policy
/// r samples them in the round's consumer group, bounded to the round's slice of the topic; candidates, verdicts and
/// pairs on the round's topics; "round generation complete" on the control topic; Parquet export), <b>train</b> (the
/// round's pairs read back from the pairs topic up to the recorded end offsets, DPO with reference = policy r, checkpoint
/// r + 1 published on the control topic), <b>measure</b> (policy r + 1, when an evaluator is given) and <b>record</b>
/// (the round's record). A restarted run resumes after the last saved record: generation is deterministic (seeded per
/// candidate) and training resumes from its saved state, so a killed run finishes with the result of an uninterrupted one.
/// </summary>
public sealed class RunJob
{
    private readonly RunJobOptions options;
    private readonly IModelProvider models;
    private readonly IRoundTrainer trainer;
    private readonly IRoundPrompts prompts;
    private readonly IRunEvaluator? evaluator;
    private readonly TextWriter log;
    private readonly RunLedger ledger;
    private readonly PipelineMetrics metrics;

    /// <summary>Creates the job.</summary>
    /// <param name="options">The settings (the stages' round is ignored: every round is run).</param>
    /// <param name="models">Builds a round's models once its policy is known, and loads policies for training and measuring.</param>
    /// <param name="trainer">Trains a round.</param>
    /// <param name="prompts">Each round's prompts.</param>
    /// <param name="evaluator">Measures policies and verdicts against ground truth, when there is one.</param>
    /// <param name="log">Progress and per-round lines.</param>
    /// <param name="metrics">The pipeline's metrics, shared by every round (a fresh set when null).</param>
    public RunJob(RunJobOptions options, IModelProvider models, IRoundTrainer trainer, IRoundPrompts prompts, IRunEvaluator? evaluator, TextWriter log, PipelineMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.metrics = metrics ?? new PipelineMetrics();
        this.options = options;
        this.models = models;
        this.trainer = trainer;
        this.prompts = prompts;
        this.evaluator = evaluator;
        this.log = log;
        ledger = new RunLedger(options.Output.Dir);
    }

    /// <summary>The run's records (summary.json's rows).</summary>
    public RunLedger Ledger => ledger;

    /// <summary>The checkpoint folder of policy <paramref name="round"/> (round 0: the start policy).</summary>
    public string PolicyOf(int round) => round == 0
        ? options.StartPolicy
        : Path.Combine(options.Training.CheckpointsDir, string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}"));

    /// <summary>Runs (or resumes) every round; returns the records. Stopping (<paramref name="stop"/>) throws <see cref="OperationCanceledException"/>.</summary>
    public async Task<IReadOnlyList<RoundRecord>> RunAsync(CancellationToken stop)
    {
        var run = RunSettings.Of(options, evaluator);
        if (ledger.Get(0) is null)
        {
            var start = await MeasureAsync(0, stop);
            ledger.Save(Record(0, start.Scores) with { Seconds = start.Seconds, EvaluationSeconds = start.Seconds }, run);
        }
        else
        {
            await log.WriteLineAsync("policy 0: measured earlier (resuming)");
        }

        using var environment = KafkaEnvironment.Open(options.Kafka);
        await log.WriteLineAsync($"kafka: {(options.Kafka.IsEmbedded ? "embedded broker at " : string.Empty)}{environment.BootstrapServers}; {options.Rounds} rounds, output {options.Output.Dir}");
        for (int round = 0; round < options.Rounds; round++)
        {
            if (ledger.Get(round + 1) is { } done && Directory.Exists(done.Policy))
            {
                await log.WriteLineAsync($"round {round}: done earlier (resuming): policy {round + 1} at {done.Policy}");
                continue;
            }
            await RoundAsync(environment, round, run, stop);
        }
        ledger.WriteSummary(run);
        return ledger.All();
    }

    /// <summary>Round <paramref name="round"/>: generate with policy r, train policy r + 1, measure it, record it.</summary>
    private async Task RoundAsync(KafkaEnvironment environment, int round, object run, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var generated = await GenerateAsync(environment, round, stop);
        var trained = await TrainAsync(environment, round, stop);
        var measured = await MeasureAsync(round + 1, stop);
        var tail = trained.Result.Training?.History is { Count: > 0 } history ? history.Skip(history.Count - Math.Max(1, history.Count / 10)).ToList() : null;
        ledger.Save(Record(round + 1, measured.Scores) with
        {
            Pairs = generated.Complete.PairCount,
            LabelerAgreement = generated.LabelerAgreement,
            Prompts = generated.Read,
            PairsTrained = trained.Result.Report.Kept,
            StageSeconds = generated.StageSeconds,
            ReferenceSeconds = trained.Result.ReferenceSeconds,
            DpoSeconds = trained.Result.DpoSeconds,
            GenerationSeconds = generated.Seconds,
            TrainingSeconds = trained.Seconds,
            EvaluationSeconds = measured.Seconds,
            Seconds = clock.Elapsed.TotalSeconds,
            TrainLoss = tail?.Average(s => s.Loss),
            TrainAccuracy = tail?.Average(s => s.Accuracy),
            TrainMargin = tail?.Average(s => s.Margin),
            PolicySha256 = trained.Result.Checkpoint.Sha256,
            Selection = trained.Result.Checkpoint.Selection,
            SelectedStep = trained.Result.Checkpoint.Selection is null ? null : trained.Result.Checkpoint.Step,
            Candidates = trained.Result.Checkpoint.Candidates,
        }, run);
    }

    /// <summary>Generate: policy r samples the round's prompts; pairs land on the round's topics (skipped when the control topic says it is done).</summary>
    private async Task<Generated> GenerateAsync(KafkaEnvironment environment, int round, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var stagesBefore = StageSums();
        var control = new ControlTopicReader(environment).ReadState(stop);
        long read = 0;
        if (control.Round(round)?.GenerationComplete is null)
        {
            var range = control.Round(round)?.Started is { PromptEndOffsets.Count: > 0 } started
                ? new PromptRange(started.PromptStartOffsets, started.PromptEndOffsets)
                : await LoadPromptsAsync(environment, round, stop);
            var counts = new StageCounts(metrics, StageCounts.Generation);
            var stages = options.Stages with { Run = options.Stages.Run with { Round = round } };
            var summary = await KafkaGenerationJob.RunAsync(stages, options.Output, environment, PolicyOf(round), path => models.Build(round, path), untilCaughtUp: true, metrics,
                (a, pairs) => log.Write($"\rround {round}: generate: {a.AdmittedCount} prompts read, {a.ProcessedCount} done, {a.RejectedCount} rejected; {counts}; {pairs} pairs   "),
                stop, range);
            await log.WriteLineAsync();
            stop.ThrowIfCancellationRequested();
            if (summary.Complete is null) throw new InvalidOperationException($"round {round}'s generation ended before its prompts were done");
            read = summary.Read;
        }
        var complete = new ControlTopicReader(environment).ReadState(stop).Round(round)!.GenerationComplete!;
        var seconds = clock.Elapsed.TotalSeconds;
        double? agreement = null;
        if (evaluator is not null)
        {
            var verdictsTopic = environment.Topics.Verdicts(round);
            agreement = evaluator.LabelerAgreement(round,
                environment.CreateReader().Read(verdictsTopic, KafkaRecordTypes.ScoredCandidate, environment.GetEndOffsets(verdictsTopic), cancellationToken: stop));
        }
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: {complete.PairCount} pairs on {complete.PairsTopic} in {seconds:F1} s{(agreement is { } a ? $"; labeler agreement with the truth {a:P1}" : string.Empty)}"));
        var stagesAfter = StageSums();
        var stageSeconds = stagesAfter.ToDictionary(s => s.Key, s => Math.Round(s.Value - stagesBefore[s.Key], 3), StringComparer.Ordinal);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: stage seconds (batches, overlapping): {string.Join(", ", stageSeconds.Where(s => s.Value > 0).Select(s => $"{s.Key} {s.Value:F1}"))}"));
        return new Generated(complete, read, seconds, agreement) { StageSeconds = stageSeconds };
    }

    /// <summary>Train: round r's pairs from the pairs topic (bounded by the control record) → policy r + 1, published on the control topic.</summary>
    private async Task<Trained> TrainAsync(KafkaEnvironment environment, int round, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var request = new RoundTrainingRequest(
            round,
            models.PolicyAt(PolicyOf(round)),
            options.Training with { LengthBalance = LengthBalance.TrainerFilters(options.Training.LengthBalance, options.Stages.Pairing.LengthBalanceWindow) },
            options.Output.Dir,
            new KafkaRoundPairSource(environment),
            new CheckpointPublishers(new KafkaCheckpointPublisher(environment), new FileCheckpointPublisher(options.Training.CheckpointsDir)),
            Path.Combine(options.Output.Dir, "reference", string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}")),
            log,
            options.Training.Select == CheckpointSelection.Best ? evaluator : null);
        var trained = await trainer.TrainAsync(request, stop);
        var seconds = clock.Elapsed.TotalSeconds;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: trained on {trained.Report.Kept} pairs ({trained.Report}) in {seconds:F1} s (reference log-probs {trained.ReferenceSeconds:F1} s, DPO {trained.DpoSeconds:F1} s) → policy {round + 1} {trained.Checkpoint.Directory}{Chosen(trained.Checkpoint)}"));
        return new Trained(trained, seconds);
    }

    /// <summary>How the checkpoint was chosen among the round's saved ones ("" when it saved one).</summary>
    private static string Chosen(CheckpointInfo c) => c.Selection is null
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $" ({c.Selection} of {c.Candidates.Count} saved: step {c.Step}{(c.Candidates.Any(x => x.Score is not null) ? "; scores " + string.Join(", ", c.Candidates.Select(x => $"{x.Step}: {x.Score:F3}")) : string.Empty)})");

    /// <summary>Measure: policy <paramref name="round"/> on the evaluator's held-out set (nothing without an evaluator).</summary>
    private async Task<Measured> MeasureAsync(int round, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        if (evaluator is null) return new Measured(null, clock.Elapsed.TotalSeconds);
        await log.WriteAsync($"policy {round}: measuring on {evaluator.Describe()} ...");
        var s = await evaluator.MeasureAsync(models.PolicyAt(PolicyOf(round)), stop);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"\rpolicy {round}: response hallucination {s.ResponseHallucination:P1}, claim hallucination {s.ClaimHallucination:P1}, coverage {s.Coverage:P1}, {s.MeanWords:F1} words{(s.Unjudgeable is { } u ? $", {u:P1} unjudgeable" : string.Empty)} ({clock.Elapsed.TotalSeconds:F1} s)"));
        return new Measured(s, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Put round <paramref name="round"/>'s prompts on the prompts topic; returns where they lie.</summary>
    private async Task<PromptRange> LoadPromptsAsync(KafkaEnvironment environment, int round, CancellationToken stop)
    {
        await environment.EnsureBaseTopicsAsync(stop); // the prompts topic must exist to read its end offsets
        var start = environment.GetEndOffsets(environment.Topics.Prompts);
        var (loaded, rejected) = await PromptLoader.LoadAsync(environment, prompts.Open(round), options.Stages.Ingest, new RlaifV.Models.SkiaImageDecoder(), stop, metrics);
        var end = environment.GetEndOffsets(environment.Topics.Prompts);
        await log.WriteLineAsync($"round {round}: {loaded} prompts ({prompts.Describe(round)}) put on {environment.Topics.Prompts}{(rejected > 0 ? $", {rejected} dead-lettered" : string.Empty)}");
        return new PromptRange(start, end);
    }

    private RoundRecord Record(int round, PolicyScores? s) => new()
    {
        Round = round,
        ResponseHallucination = s?.ResponseHallucination,
        ClaimHallucination = s?.ClaimHallucination,
        Coverage = s?.Coverage,
        MeanWords = s?.MeanWords,
        Unjudgeable = s?.Unjudgeable,
        Policy = Path.GetFullPath(PolicyOf(round)),
    };

    private sealed record Generated(RoundGenerationComplete Complete, long Read, double Seconds, double? LabelerAgreement)
    {
        public IReadOnlyDictionary<string, double> StageSeconds { get; init; } = new Dictionary<string, double>();
    }

    private static readonly string[] Stages = [IngestStage.Name, SampleStage.Name, ExtractStage.Name, RewriteStage.Name, VerifyStage.Name, PairStage.Name, EmitStage.Name];

    /// <summary>Seconds each stage has spent on batches so far (the batch-duration histogram's sums).</summary>
    private Dictionary<string, double> StageSums() => Stages.ToDictionary(s => s, s => metrics.BatchSeconds.WithLabels(s).Sum, StringComparer.Ordinal);

    private sealed record Trained(RoundTrainingResult Result, double Seconds);

    private sealed record Measured(PolicyScores? Scores, double Seconds);

    /// <summary>The settings that shape the result, recorded in summary.json.</summary>
    private static class RunSettings
    {
        public static Dictionary<string, object?> Of(RunJobOptions options, IRunEvaluator? evaluator) => new()
        {
            ["rounds"] = options.Rounds,
            ["prompts_per_round"] = options.PromptsPerRound,
            ["n"] = options.Stages.Sampling.N,
            ["temperature"] = options.Stages.Sampling.Temperature,
            ["score"] = options.Stages.Pairing.Score == ScoreRule.PYes ? EnumNames.Of(ScoreRule.PYes) : "-rejected_claims",
            ["min_delta"] = options.Stages.Pairing.MinDelta,
            ["pairs_per_prompt"] = options.Stages.Pairing.PairsPerPrompt,
            ["beta"] = options.Training.Beta,
            ["learning_rate"] = options.Training.LearningRate,
            ["epochs"] = options.Training.Epochs,
            ["global_batch"] = options.Training.GlobalBatch,
            ["sft_weight"] = options.Training.SftWeight,
            ["length_balance"] = options.Training.LengthBalance,
            ["save_every"] = options.Training.SaveEvery,
            ["select"] = EnumNames.Of(options.Training.Select),
            ["reference"] = "round start policy",
            ["evaluation"] = evaluator?.Describe(),
        };
    }
}
