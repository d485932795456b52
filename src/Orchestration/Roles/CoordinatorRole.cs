using System.Diagnostics;
using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;
using RlaifV.Stages;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Rules;

namespace RlaifV.Orchestration.Roles;

/// <summary>
/// The coordinator role (<c>rlaifv coordinate</c>, and the coordinator of <c>rlaifv run</c>): for each round r up to
/// <see cref="RunJobOptions.Rounds"/> it puts the round's prompts on the prompts topic, records "round started" (policy
/// + digest, prompt range), waits until the round's consumer group has committed the range's end on every partition and
/// records "generation complete" (pair count, pairs end offsets; Parquet export), waits for "checkpoint published"
/// (checked by digest), measures the new policy when an evaluator exists and saves the round's record (summary.json).
/// <para>Its state is the control topic and the run's records: every write is preceded by a read of the control topic
/// and skipped when the record is already there, so a coordinator killed at any point and restarted goes on where it
/// stopped. Prompts are never loaded twice: "round started" is first written with the range's start and no end (the
/// load is under way); a restarted coordinator that finds such a record loads only the prompts whose ids are not yet in
/// the range.</para>
/// </summary>
public sealed class CoordinatorRole
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly RunJobOptions options;
    private readonly IModelProvider models;
    private readonly IRoundPrompts prompts;
    private readonly IRunEvaluator? evaluator;
    private readonly KafkaEnvironment environment;
    private readonly TextWriter log;
    private readonly RoleStatus status;
    private readonly PipelineMetrics? metrics;

    /// <summary>Creates the role.</summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="models">Loads policies for measuring (and names an in-process start policy).</param>
    /// <param name="prompts">Each round's prompts.</param>
    /// <param name="evaluator">Measures policies and verdicts when ground truth exists; null: nothing is measured.</param>
    /// <param name="environment">The cluster.</param>
    /// <param name="log">Progress and per-round lines.</param>
    /// <param name="status">The role's metrics and health.</param>
    /// <param name="metrics">The pipeline's metrics (prompt-load dead letters; the stages' seconds when a generator shares the process), or null.</param>
    public CoordinatorRole(RunJobOptions options, IModelProvider models, IRoundPrompts prompts, IRunEvaluator? evaluator, KafkaEnvironment environment, TextWriter log, RoleStatus status, PipelineMetrics? metrics = null)
    {
        this.metrics = metrics;
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.models = models;
        this.prompts = prompts;
        this.evaluator = evaluator;
        this.environment = environment;
        this.log = log;
        this.status = status;
        Ledger = new RunLedger(options.Output.Dir);
    }

    /// <summary>The run's records (summary.json's rows).</summary>
    public RunLedger Ledger { get; }

    /// <summary>
    /// Runs (or resumes) every round; returns the records. Stopping throws <see cref="OperationCanceledException"/>.
    /// A policy is measured while the next round generates with it (both need only its checkpoint), so measuring costs the
    /// run no wall time except after the last round; a round's record is saved once the next round has started and the
    /// measurement is done. A record's <c>seconds</c> is the round's share of the run's wall time: from its start to the
    /// next round's start (the last: to its record), so the records' seconds add up to the run's.
    /// </summary>
    public async Task<IReadOnlyList<RoundRecord>> RunAsync(CancellationToken stop)
    {
        var run = RunSettings.Of(options, evaluator);
        var clock = Stopwatch.StartNew();
        status.Require("broker", true);
        await environment.EnsureBaseTopicsAsync(stop);
        PendingRecord? pending = null;
        if (Ledger.Get(0) is null)
            pending = new PendingRecord(Record(0, options.StartPolicy, null), Measure(0, options.StartPolicy, stop), TimeSpan.Zero);
        else
            await log.WriteLineAsync("policy 0: measured earlier (resuming)");
        for (int round = 0; round < options.Rounds; round++)
        {
            status.SetRound(round);
            if (Ledger.Get(round + 1) is { } done && Directory.Exists(done.Policy))
            {
                await log.WriteLineAsync($"round {round}: done earlier (resuming): policy {round + 1} at {done.Policy}");
                continue;
            }
            pending = await RoundAsync(round, run, pending, clock, stop);
        }
        if (pending is not null) await SaveAsync(pending, clock.Elapsed, run);
        Ledger.WriteSummary(run);
        return Ledger.All();
    }

    /// <summary>A round's record waiting for its policy's measurement (<see cref="RunAsync"/>).</summary>
    private sealed record PendingRecord(RoundRecord Record, Task<(PolicyScores? Scores, double Seconds)> Measuring, TimeSpan StartedAt);

    /// <summary>Saves <paramref name="pending"/> once measured, with the seconds from its round's start to <paramref name="endedAt"/>.</summary>
    private async Task SaveAsync(PendingRecord pending, TimeSpan endedAt, object run)
    {
        var (scores, seconds) = await pending.Measuring;
        Ledger.Save(WithScores(pending.Record, scores) with
        {
            EvaluationSeconds = seconds,
            Seconds = Math.Round((endedAt - pending.StartedAt).TotalSeconds, 3),
        }, run);
        if (pending.Record.Round > 0) status.RoundCompleted();
    }

    /// <summary>
    /// Round r: start it, save the previous round's record (its policy was measured meanwhile), wait for its generation
    /// and its checkpoint; returns its record, pending the new policy's measurement, which has started.
    /// </summary>
    private async Task<PendingRecord> RoundAsync(int round, object run, PendingRecord? previous, Stopwatch runClock, CancellationToken stop)
    {
        var startedAt = runClock.Elapsed;
        var clock = Stopwatch.StartNew();
        var stagesBefore = StageSums();
        await environment.EnsureRoundTopicsAsync(round, stop);
        var (_, range, loaded) = await StartAsync(round, stop);
        if (previous is not null) await SaveAsync(previous, startedAt, run); // measured while this round generates
        var complete = await CompleteGenerationAsync(round, range, stop);
        var generationSeconds = clock.Elapsed.TotalSeconds;
        double? agreement = null;
        if (evaluator is not null)
        {
            var verdictsTopic = environment.Topics.Verdicts(round);
            agreement = evaluator.LabelerAgreement(round,
                environment.CreateReader().Read(verdictsTopic, KafkaRecordTypes.ScoredCandidate, environment.GetEndOffsets(verdictsTopic), cancellationToken: stop));
        }
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: {complete.PairCount} pairs on {complete.PairsTopic} in {generationSeconds:F1} s{(agreement is { } a ? $"; labeler agreement with the truth {a:P1}" : string.Empty)}"));
        var stagesAfter = StageSums();
        var stageSeconds = stagesAfter.ToDictionary(s => s.Key, s => Math.Round(s.Value - stagesBefore[s.Key], 3), StringComparer.Ordinal);
        if (metrics is not null)
        {
            // The stages' own seconds when the generator shares this process (rlaifv run); a coordinator alone has none.
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: stage seconds (batches, overlapping): {string.Join(", ", stageSeconds.Where(s => s.Value > 0).Select(s => $"{s.Key} {s.Value:F1}"))}"));
        }

        var trainClock = Stopwatch.StartNew();
        var published = await WaitPublishedAsync(round, stop);
        var trainingSeconds = trainClock.Elapsed.TotalSeconds;
        var trained = TrainedRound.Load(options.Training.CheckpointsDir, round);
        var record = Record(round + 1, published.Uri, null) with
        {
            Pairs = complete.PairCount,
            LabelerAgreement = agreement,
            Prompts = loaded,
            PairsTrained = trained?.PairsTrained ?? 0,
            StageSeconds = stageSeconds,
            ReferenceSeconds = trained?.ReferenceSeconds ?? 0,
            DpoSeconds = trained?.DpoSeconds ?? 0,
            Selection = trained?.Selection,
            SelectedStep = trained?.SelectedStep,
            Candidates = trained?.Candidates ?? [],
            GenerationSeconds = generationSeconds,
            TrainingSeconds = trained?.Seconds ?? trainingSeconds,
            TrainLoss = trained?.TrainLoss,
            TrainAccuracy = trained?.TrainAccuracy,
            TrainMargin = trained?.TrainMargin,
            PolicySha256 = trained?.WeightsSha256 ?? published.Sha256,
        };
        return new PendingRecord(record, Measure(round + 1, published.Uri, stop), startedAt);
    }

    /// <summary>
    /// Records round r as started (loading its prompts first when they are not on the topic yet); returns its policy,
    /// its prompt range and the number of prompts in the range.
    /// </summary>
    private async Task<(PolicyIdentity Policy, PromptRange Range, long Prompts)> StartAsync(int round, CancellationToken stop)
    {
        var state = ReadState(stop);
        if (state.Round(round)?.Started is { PromptEndOffsets.Count: > 0 } started)
        {
            await log.WriteLineAsync($"round {round}: started earlier (resuming)");
            var known = new PromptRange(started.PromptStartOffsets, started.PromptEndOffsets);
            return (new PolicyIdentity(started.PolicyUri, started.PolicySha256), known, Count(known));
        }
        var policy = await PolicyAsync(round, state, stop);
        using var producer = environment.CreateProducer(environment.Options with { Transactions = false, TransactionalId = null });
        IReadOnlyList<PartitionOffset> start;
        HashSet<string>? loadedBefore = null;
        if (state.Round(round)?.Started is { } loading)
        {
            // A load was under way when the coordinator stopped: the prompts already in the range are not loaded again.
            start = loading.PromptStartOffsets;
            var now = environment.GetEndOffsets(environment.Topics.Prompts);
            loadedBefore = [];
            foreach (var m in environment.CreateReader().ReadRaw(environment.Topics.Prompts, now, start, stop))
                if (m.Message.Key is { Length: > 0 } key) loadedBefore.Add(key);
            await log.WriteLineAsync($"round {round}: resuming an interrupted load ({loadedBefore.Count} prompts were already put on {environment.Topics.Prompts})");
        }
        else
        {
            start = environment.GetEndOffsets(environment.Topics.Prompts);
            await producer.ProduceControlAsync(Started(round, policy, start, []), stop);
            producer.Flush(TimeSpan.FromSeconds(30));
            status.Produced("control");
        }
        var (loaded, rejected) = await PromptLoader.LoadAsync(environment, prompts.Open(round), options.Stages.Ingest, new RlaifV.Models.SkiaImageDecoder(), stop, metrics, loadedBefore);
        status.Produced("prompts", loaded);
        status.Produced("dlq", rejected);
        var end = environment.GetEndOffsets(environment.Topics.Prompts);
        var range = new PromptRange(start, end);
        await producer.ProduceControlAsync(Started(round, policy, start, end), stop);
        producer.Flush(TimeSpan.FromSeconds(30));
        status.Produced("control");
        await log.WriteLineAsync($"round {round}: {loaded} prompts ({prompts.Describe(round)}) put on {environment.Topics.Prompts}{(rejected > 0 ? $", {rejected} dead-lettered" : string.Empty)}; round started with policy {policy.Uri}");
        return (policy, range, Count(range));
    }

    /// <summary>Round r's policy: the start policy for round 0, else the checkpoint published after round r − 1 (waited for, digest checked).</summary>
    private async Task<PolicyIdentity> PolicyAsync(int round, ControlState state, CancellationToken stop)
    {
        if (round == 0)
        {
            if (!string.IsNullOrWhiteSpace(options.StartPolicy)) return PolicyIdentity.Of(options.StartPolicy, string.Empty);
            using var set = models.Build(0, options.StartPolicy);
            return PolicyIdentity.OfModel(set.Policy.ModelId);
        }
        // A run restarted on a fresh broker (the embedded one) has no control records of earlier rounds: its records name the policy.
        if (state.Round(round - 1)?.CheckpointPublished is null && Ledger.Get(round) is { Policy.Length: > 0 } record && Directory.Exists(record.Policy))
            return PolicyIdentity.Of(record.Policy, string.Empty);
        var published = state.Round(round - 1)?.CheckpointPublished ?? await WaitPublishedAsync(round - 1, stop);
        return new PolicyIdentity(published.Uri, published.Sha256);
    }

    /// <summary>Waits until round r's group has committed the range's end on every partition, then records the round complete (once).</summary>
    private async Task<RoundGenerationComplete> CompleteGenerationAsync(int round, PromptRange range, CancellationToken stop)
    {
        if (ReadState(stop).Round(round)?.GenerationComplete is { } recorded) return recorded;
        var group = KafkaGenerationJob.GroupOf(environment.Topics, round);
        var open = range.End.Where(e => e.Offset > range.Start.FirstOrDefault(s => s.Partition == e.Partition)?.Offset).ToList();
        using (var offsets = environment.CreateGroupOffsets(group))
        {
            while (true)
            {
                var committed = offsets.Committed(environment.Topics.Prompts, range.End.Select(e => e.Partition), stop);
                if (committed.Count > 0)
                {
                    status.SetLag(environment.Topics.Prompts, range.End.Select(e => new PartitionOffset
                    {
                        Partition = e.Partition,
                        Offset = Math.Max(0, e.Offset - Math.Max(committed.GetValueOrDefault(e.Partition, -1), range.Start.FirstOrDefault(s => s.Partition == e.Partition)?.Offset ?? 0)),
                    }));
                    if (open.All(e => committed.GetValueOrDefault(e.Partition, -1) >= e.Offset)) break;
                }
                status.Progress("coordinate");
                await Task.Delay(Poll, stop);
            }
        }
        if (ReadState(stop).Round(round)?.GenerationComplete is { } meanwhile) return meanwhile;
        using var producer = environment.CreateProducer(environment.Options with { Transactions = false, TransactionalId = null });
        var (complete, files) = await KafkaGenerationJob.RecordCompleteAsync(environment, producer, round, options.Output, stop);
        status.Produced("control");
        foreach (var file in files) await log.WriteLineAsync($"  {file}");
        return complete;
    }

    /// <summary>Waits for the checkpoint trained on round r; checks its digest.</summary>
    private async Task<CheckpointPublished> WaitPublishedAsync(int round, CancellationToken stop)
    {
        using var control = new ControlFollower(environment);
        while (true)
        {
            if (control.Poll(Poll, stop).Round(round)?.CheckpointPublished is { } published)
            {
                TrainerRole.CheckDigest(published.Uri, published.Sha256, $"the checkpoint trained on round {round}");
                return published;
            }
            status.Progress("coordinate");
            stop.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    /// <summary>
    /// Measure: policy <paramref name="round"/> on the evaluator's held-out set (nothing without an evaluator), on a thread
    /// of its own (it overlaps the next round's generation).
    /// </summary>
    private Task<(PolicyScores? Scores, double Seconds)> Measure(int round, string policyPath, CancellationToken stop) =>
        evaluator is null ? Task.FromResult<(PolicyScores?, double)>((null, 0)) : Task.Run(() => MeasureAsync(round, policyPath, stop), stop);

    private async Task<(PolicyScores? Scores, double Seconds)> MeasureAsync(int round, string policyPath, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        await log.WriteLineAsync($"policy {round}: measuring on {evaluator!.Describe()}");
        var s = await evaluator.MeasureAsync(models.PolicyAt(policyPath), stop);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"policy {round}: response hallucination {s.ResponseHallucination:P1}, claim hallucination {s.ClaimHallucination:P1}, coverage {s.Coverage:P1}, {s.MeanWords:F1} words{(s.Unjudgeable is { } u ? $", {u:P1} unjudgeable" : string.Empty)} ({clock.Elapsed.TotalSeconds:F1} s)"));
        return (s, clock.Elapsed.TotalSeconds);
    }

    private static readonly string[] Stages = [IngestStage.Name, SampleStage.Name, ExtractStage.Name, RewriteStage.Name, VerifyStage.Name, PairStage.Name, EmitStage.Name];

    /// <summary>Seconds each stage has spent on batches so far (the batch-duration histogram's sums; zeros without metrics).</summary>
    private Dictionary<string, double> StageSums() => Stages.ToDictionary(s => s, s => metrics?.BatchSeconds.WithLabels(s).Sum ?? 0, StringComparer.Ordinal);

    private ControlState ReadState(CancellationToken stop)
    {
        status.Consumed("control");
        return new ControlTopicReader(environment).ReadState(stop);
    }

    private RoundStarted Started(int round, PolicyIdentity policy, IReadOnlyList<PartitionOffset> start, IReadOnlyList<PartitionOffset> end) => new()
    {
        Round = round,
        PolicyUri = policy.Uri,
        PolicySha256 = policy.Sha256,
        PromptTopic = environment.Topics.Prompts,
        PromptStartOffsets = start,
        PromptEndOffsets = end,
        At = DateTimeOffset.UtcNow,
    };

    private static long Count(PromptRange range) =>
        range.End.Sum(e => e.Offset - (range.Start.FirstOrDefault(s => s.Partition == e.Partition)?.Offset ?? 0));

    private static RoundRecord Record(int round, string policy, PolicyScores? s) => WithScores(new RoundRecord
    {
        Round = round,
        Policy = string.IsNullOrEmpty(policy) ? policy : Path.GetFullPath(policy),
    }, s);

    private static RoundRecord WithScores(RoundRecord record, PolicyScores? s) => record with
    {
        ResponseHallucination = s?.ResponseHallucination,
        ClaimHallucination = s?.ClaimHallucination,
        Coverage = s?.Coverage,
        MeanWords = s?.MeanWords,
        Unjudgeable = s?.Unjudgeable,
    };

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
