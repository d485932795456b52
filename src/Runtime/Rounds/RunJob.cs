using System.Diagnostics;
using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Kafka;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.Training;

namespace RlaifV.Runtime.Rounds;

/// <summary>
/// <c>rlaifv run</c>: the method's outer loop for <c>run.rounds</c> rounds, through Kafka (the embedded broker by
/// default). Round r: put the round's fresh prompts on the prompts topic → generate with policy r (the round's consumer
/// group, bounded to the round's slice of the topic; candidates, verdicts and pairs on the round's topics; "round
/// generation complete" on the control topic; Parquet export) → train on the round's pairs read back from the pairs
/// topic up to the recorded end offsets (DPO, reference = policy r) → publish checkpoint r + 1 on the control topic →
/// measure it when an evaluator is given → save the round's record. A restarted run resumes after the last saved
/// record: generation is deterministic (seeded per candidate) and training resumes from its saved state, so a killed
/// run finishes with the result of an uninterrupted one.
/// </summary>
public sealed class RunJob
{
    private readonly PipelineOptions options;
    private readonly Func<PipelineOptions, ModelSet> buildModels;
    private readonly IRoundTrainer trainer;
    private readonly IRoundPrompts prompts;
    private readonly IRunEvaluator? evaluator;
    private readonly TextWriter log;
    private readonly RunLedger ledger;
    private readonly PipelineMetrics metrics;

    /// <summary>Creates the job.</summary>
    /// <param name="options">Validated options; <c>run.round</c> is ignored (every round is run).</param>
    /// <param name="buildModels">Builds a round's models once its policy is known (models.policy.path is the round's).</param>
    /// <param name="trainer">Trains a round.</param>
    /// <param name="prompts">Each round's prompts.</param>
    /// <param name="evaluator">Measures policies and verdicts against ground truth, when there is one.</param>
    /// <param name="log">Progress and per-round lines.</param>
    /// <param name="metrics">The pipeline's metrics, shared by every round (a fresh set when null).</param>
    public RunJob(PipelineOptions options, Func<PipelineOptions, ModelSet> buildModels, IRoundTrainer trainer, IRoundPrompts prompts, IRunEvaluator? evaluator, TextWriter log, PipelineMetrics? metrics = null)
    {
        this.metrics = metrics ?? new PipelineMetrics();
        this.options = options;
        this.buildModels = buildModels;
        this.trainer = trainer;
        this.prompts = prompts;
        this.evaluator = evaluator;
        this.log = log;
        ledger = new RunLedger(options.Output.Dir);
    }

    /// <summary>The run's records (summary.json's rows).</summary>
    public RunLedger Ledger => ledger;

    /// <summary>The checkpoint folder of policy <paramref name="round"/> (round 0: models.policy.path).</summary>
    public string PolicyOf(int round) => round == 0
        ? options.Models.Policy.Path
        : Path.Combine(options.Training.CheckpointsDir, string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}"));

    /// <summary>Runs (or resumes) every round; returns the records. Stopping (<paramref name="stop"/>) throws <see cref="OperationCanceledException"/>.</summary>
    public async Task<IReadOnlyList<RoundRecord>> RunAsync(CancellationToken stop)
    {
        var run = Settings();
        if (ledger.Get(0) is null)
        {
            var clock = Stopwatch.StartNew();
            var scores = await MeasureAsync(0, stop);
            ledger.Save(Record(0, scores) with { Seconds = clock.Elapsed.TotalSeconds, EvaluationSeconds = clock.Elapsed.TotalSeconds }, run);
        }
        else
        {
            await log.WriteLineAsync("policy 0: measured earlier (resuming)");
        }

        using var environment = KafkaEnvironment.Open(options.Kafka);
        await log.WriteLineAsync($"kafka: {(options.Kafka.IsEmbedded ? "embedded broker at " : string.Empty)}{environment.BootstrapServers}; {options.Run.Rounds} rounds, output {options.Output.Dir}");
        for (int round = 0; round < options.Run.Rounds; round++)
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

    private async Task RoundAsync(KafkaEnvironment environment, int round, object run, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var policy = PolicyOf(round);
        var roundOptions = options with
        {
            Run = options.Run with { Round = round },
            Models = options.Models with { Policy = options.Models.Policy with { Path = policy } },
        };
        var topics = environment.Topics;

        // 1. Generation: policy r samples the round's prompts; pairs land on the round's topics.
        var control = new ControlTopicReader(environment).ReadState(stop);
        long read = 0;
        if (control.Round(round)?.GenerationComplete is null)
        {
            var range = control.Round(round)?.Started is { PromptEndOffsets.Count: > 0 } started
                ? new PromptRange(started.PromptStartOffsets, started.PromptEndOffsets)
                : await LoadPromptsAsync(environment, round, stop);
            var stages = new StageCounts(metrics);
            var summary = await KafkaGenerationJob.RunAsync(roundOptions, environment, buildModels, untilCaughtUp: true, metrics,
                (a, pairs) => log.Write($"\rround {round}: generate: {a.AdmittedCount} prompts read, {a.ProcessedCount} done, {a.RejectedCount} rejected; {stages}; {pairs} pairs   "),
                stop, range);
            await log.WriteLineAsync();
            stop.ThrowIfCancellationRequested();
            if (summary.Complete is null) throw new InvalidOperationException($"round {round}'s generation ended before its prompts were done");
            read = summary.Read;
        }
        var generated = new ControlTopicReader(environment).ReadState(stop).Round(round)!.GenerationComplete!;
        var generationSeconds = clock.Elapsed.TotalSeconds;
        double? agreement = null;
        if (evaluator is not null)
        {
            var verdictsTopic = topics.Verdicts(round);
            agreement = evaluator.LabelerAgreement(round,
                environment.CreateReader().Read(verdictsTopic, KafkaRecordTypes.ScoredCandidate, environment.GetEndOffsets(verdictsTopic), cancellationToken: stop));
        }
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: {generated.PairCount} pairs on {generated.PairsTopic} in {generationSeconds:F1} s{(agreement is { } a ? $"; labeler agreement with the truth {a:P1}" : string.Empty)}"));

        // 2. Training: round r's pairs from the pairs topic (bounded by the control record) → policy r + 1.
        var trainClock = Stopwatch.StartNew();
        var request = new RoundTrainingRequest(
            roundOptions,
            new KafkaRoundPairSource(environment),
            new CheckpointPublishers(new KafkaCheckpointPublisher(environment), new FileCheckpointPublisher(options.Training.CheckpointsDir)),
            Path.Combine(options.Output.Dir, "reference", string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}")),
            log);
        var trained = await trainer.TrainAsync(request, stop);
        var trainingSeconds = trainClock.Elapsed.TotalSeconds;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: trained on {trained.Report.Kept} pairs ({trained.Report}) in {trainingSeconds:F1} s → policy {round + 1} {trained.Checkpoint.Directory}"));

        // 3. Measure policy r + 1.
        var evalClock = Stopwatch.StartNew();
        var scores = await MeasureAsync(round + 1, stop);
        var tail = trained.Training?.History is { Count: > 0 } history ? history.Skip(history.Count - Math.Max(1, history.Count / 10)).ToList() : null;
        ledger.Save(Record(round + 1, scores) with
        {
            Pairs = generated.PairCount,
            LabelerAgreement = agreement,
            Prompts = read,
            PairsTrained = trained.Report.Kept,
            GenerationSeconds = generationSeconds,
            TrainingSeconds = trainingSeconds,
            EvaluationSeconds = evalClock.Elapsed.TotalSeconds,
            Seconds = clock.Elapsed.TotalSeconds,
            TrainLoss = tail?.Average(s => s.Loss),
            TrainAccuracy = tail?.Average(s => s.Accuracy),
            TrainMargin = tail?.Average(s => s.Margin),
            PolicySha256 = trained.Checkpoint.Sha256,
        }, run);
    }

    /// <summary>Puts round <paramref name="round"/>'s prompts on the prompts topic; returns where they lie.</summary>
    private async Task<PromptRange> LoadPromptsAsync(KafkaEnvironment environment, int round, CancellationToken stop)
    {
        await environment.EnsureBaseTopicsAsync(stop); // the prompts topic must exist to read its end offsets
        var start = environment.GetEndOffsets(environment.Topics.Prompts);
        var (loaded, rejected) = await PromptLoader.LoadAsync(environment, prompts.Open(round), options.Ingest, stop);
        var end = environment.GetEndOffsets(environment.Topics.Prompts);
        await log.WriteLineAsync($"round {round}: {loaded} prompts ({prompts.Describe(round)}) put on {environment.Topics.Prompts}{(rejected > 0 ? $", {rejected} dead-lettered" : string.Empty)}");
        return new PromptRange(start, end);
    }

    private async Task<PolicyScores?> MeasureAsync(int round, CancellationToken stop)
    {
        if (evaluator is null) return null;
        var clock = Stopwatch.StartNew();
        await log.WriteAsync($"policy {round}: measuring on {evaluator.Describe()} ...");
        var s = await evaluator.MeasureAsync(options, PolicyOf(round), stop);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"\rpolicy {round}: response hallucination {s.ResponseHallucination:P1}, claim hallucination {s.ClaimHallucination:P1}, coverage {s.Coverage:P1}, {s.MeanWords:F1} words ({clock.Elapsed.TotalSeconds:F1} s)"));
        return s;
    }

    private RoundRecord Record(int round, PolicyScores? s) => new()
    {
        Round = round,
        ResponseHallucination = s?.ResponseHallucination,
        ClaimHallucination = s?.ClaimHallucination,
        Coverage = s?.Coverage,
        MeanWords = s?.MeanWords,
        Policy = Path.GetFullPath(PolicyOf(round)),
    };

    /// <summary>The settings that shape the result, recorded in summary.json.</summary>
    private Dictionary<string, object?> Settings() => new()
    {
        ["rounds"] = options.Run.Rounds,
        ["prompts_per_round"] = options.Run.PromptsPerRound,
        ["n"] = options.Sampling.N,
        ["temperature"] = options.Sampling.Temperature,
        ["score"] = options.Pairing.Score == Scoring.PYes ? Scoring.PYes : "-rejected_claims",
        ["min_delta"] = options.Pairing.MinDelta,
        ["pairs_per_prompt"] = options.Pairing.PairsPerPrompt,
        ["beta"] = options.Training.Beta,
        ["learning_rate"] = options.Training.LearningRate,
        ["epochs"] = options.Training.Epochs,
        ["global_batch"] = options.Training.GlobalBatch,
        ["sft_weight"] = options.Training.SftWeight,
        ["length_balance"] = options.Training.LengthBalance,
        ["reference"] = "round start policy",
        ["evaluation"] = evaluator?.Describe(),
    };

    /// <summary>Items each stage has emitted since this object was made (the progress display of one round).</summary>
    private sealed class StageCounts(PipelineMetrics metrics)
    {
        private static readonly (string Stage, string Label)[] Shown =
        [
            (RlaifV.Stages.SampleStage.Name, "sampled"),
            (RlaifV.Stages.ExtractStage.Name, "split"),
            (RlaifV.Stages.RewriteStage.Name, "asked"),
            (RlaifV.Stages.VerifyStage.Name, "judged"),
        ];

        private readonly double[] start = Shown.Select(s => metrics.ItemsOut.WithLabels(s.Stage).Value).ToArray();

        public override string ToString() => string.Join(", ", Shown.Select((s, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{metrics.ItemsOut.WithLabels(s.Stage).Value - start[i]:F0} {s.Label}")));
    }
}
