using System.Diagnostics;
using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Stages.Rules;
using RlaifV.Training;

namespace RlaifV.Orchestration.Roles;

/// <summary>
/// The trainer role (<c>rlaifv train --follow</c>, <c>rlaifv train --source kafka --round r</c>, and the trainer of
/// <c>rlaifv run</c>): follows the control topic and trains every round whose generation is complete and whose checkpoint
/// is not yet published, reading the round's pairs topic up to the recorded end offsets, starting from the round's policy
/// (the one "round started" names, checked by digest), and publishes round r + 1's checkpoint on the control topic (and
/// in <c>latest.json</c>). Its only state is the control topic and the checkpoint store: a trainer killed at any point
/// resumes from its saved training state and publishes the same checkpoint.
/// </summary>
public sealed class TrainerRole
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private readonly RunJobOptions options;
    private readonly IModelProvider models;
    private readonly IRoundTrainer trainer;
    private readonly KafkaEnvironment environment;
    private readonly TextWriter log;
    private readonly RoleStatus status;
    private readonly ICheckpointEvaluator? selector;

    /// <summary>Creates the role.</summary>
    /// <param name="options">The run's settings (training, output, the start policy).</param>
    /// <param name="models">How to load a round's policy for training.</param>
    /// <param name="trainer">Trains a round (DPO, or a test double).</param>
    /// <param name="environment">The cluster.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="status">The role's metrics and health.</param>
    /// <param name="selector">Scores the round's saved checkpoints when <c>training.select</c> is <c>best</c> (the world's evaluator); null otherwise.</param>
    public TrainerRole(RunJobOptions options, IModelProvider models, IRoundTrainer trainer, KafkaEnvironment environment, TextWriter log, RoleStatus status, ICheckpointEvaluator? selector = null)
    {
        this.selector = options?.Training.Select == CheckpointSelection.Best ? selector : null;
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.models = models;
        this.trainer = trainer;
        this.environment = environment;
        this.log = log;
        this.status = status;
    }

    /// <summary>
    /// Trains rounds as their generation completes: every such round until stopped (<paramref name="onlyRound"/> null), or
    /// round <paramref name="onlyRound"/> only, waiting for its generation when needed. Stopping throws
    /// <see cref="OperationCanceledException"/> (the training state is saved; a rerun resumes).
    /// </summary>
    /// <returns>The rounds trained (or republished) here.</returns>
    public async Task<IReadOnlyList<RoundTrainingResult>> RunAsync(int? onlyRound, CancellationToken stop)
    {
        var done = new List<RoundTrainingResult>();
        var trainedHere = new HashSet<int>();
        status.Require("broker", true);
        using var control = new ControlFollower(environment);
        while (true)
        {
            stop.ThrowIfCancellationRequested();
            var state = control.Poll(Poll, stop);
            var next = onlyRound is { } only
                ? state.Round(only) is { GenerationComplete: not null } r ? r : null
                : state.Rounds.Values.FirstOrDefault(r => r.GenerationComplete is not null && r.CheckpointPublished is null && !trainedHere.Contains(r.Round));
            if (next is null)
            {
                status.SetTrainerState(onlyRound is null ? TrainerState.Idle : TrainerState.Waiting);
                status.SetPending("train", false);
                continue;
            }
            done.Add(await TrainAsync(next, stop));
            trainedHere.Add(next.Round); // its "checkpoint published" may reach this reader a moment later
            if (onlyRound is not null) return done;
        }
    }

    /// <summary>Trains one round whose generation is complete and publishes its checkpoint.</summary>
    private async Task<RoundTrainingResult> TrainAsync(RoundState round, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        int r = round.Round;
        status.SetRound(r);
        status.SetTrainerState(TrainerState.Training);
        status.SetPending("train", true);
        status.Progress("train");
        var policy = PolicyOf(round);
        var deferred = new DeferredPublisher();
        var request = new RoundTrainingRequest(
            r,
            models.PolicyAt(policy),
            options.Training with { LengthBalance = LengthBalance.TrainerFilters(options.Training.LengthBalance, options.Stages.Pairing.LengthBalanceWindow) },
            options.Output.Dir,
            new KafkaRoundPairSource(environment),
            deferred,
            Path.Combine(options.Output.Dir, "reference", string.Create(CultureInfo.InvariantCulture, $"round-{r:D4}")),
            new ProgressWriter(log, () => status.Progress("train")),
            selector);
        RoundTrainingResult trained;
        try
        {
            trained = await trainer.TrainAsync(request, stop);
        }
        finally
        {
            status.SetPending("train", false);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var history = trained.Training?.History;
        var tail = history is { Count: > 0 } h ? h.Skip(h.Count - Math.Max(1, h.Count / 10)).ToList() : null;
        new TrainedRound
        {
            Round = r,
            PairsTrained = trained.Report.Kept,
            Seconds = seconds,
            TrainLoss = tail?.Average(s => s.Loss),
            TrainAccuracy = tail?.Average(s => s.Accuracy),
            TrainMargin = tail?.Average(s => s.Margin),
            ReferenceSeconds = trained.ReferenceSeconds,
            DpoSeconds = trained.DpoSeconds,
            Selection = trained.Checkpoint.Selection,
            SelectedStep = trained.Checkpoint.Selection is null ? null : trained.Checkpoint.Step,
            Candidates = trained.Checkpoint.Candidates,
            WeightsSha256 = trained.Checkpoint.Sha256,
        }.Save(options.Training.CheckpointsDir);

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {r}: trained on {trained.Report.Kept} pairs ({trained.Report}) in {seconds:F1} s (reference log-probs {trained.ReferenceSeconds:F1} s, DPO {trained.DpoSeconds:F1} s) → policy {r + 1} {trained.Checkpoint.Directory}{Chosen(trained.Checkpoint)}"));

        // Published after the round's figures are saved, so whoever sees the checkpoint finds them.
        status.SetTrainerState(TrainerState.Publishing);
        var (nextRound, checkpoint) = deferred.Asked ?? throw new InvalidOperationException($"the trainer of round {r} published no checkpoint");
        // latest.json first, the control topic last: the control record is what the other roles act on.
        await new CheckpointPublishers(new FileCheckpointPublisher(options.Training.CheckpointsDir), new KafkaCheckpointPublisher(environment))
            .PublishAsync(nextRound, checkpoint, stop);
        status.Produced("control");
        status.SetTrainerState(TrainerState.Idle);
        return trained;
    }

    /// <summary>How the checkpoint was chosen among the round's saved ones ("" when it saved one).</summary>
    private static string Chosen(CheckpointInfo c) => c.Selection is null
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $" ({c.Selection} of {c.Candidates.Count} saved: step {c.Step}{(c.Candidates.Any(x => x.Score is not null) ? "; scores " + string.Join(", ", c.Candidates.Select(x => $"{x.Step}: {x.Score:F3}")) : string.Empty)})");

    /// <summary>Round <paramref name="round"/>'s starting policy: the folder "round started" names, its digest checked (the start policy when it names an in-process model).</summary>
    private string PolicyOf(RoundState round)
    {
        var started = round.Started ?? throw new InvalidDataException($"round {round.Round} is complete on the control topic but has no 'round started' record");
        if (started.PolicyUri.StartsWith("model:", StringComparison.Ordinal)) return options.StartPolicy;
        CheckDigest(started.PolicyUri, started.PolicySha256, $"round {round.Round}'s policy");
        return started.PolicyUri;
    }

    /// <summary>Throws unless the checkpoint at <paramref name="uri"/> has digest <paramref name="sha256"/>.</summary>
    /// <exception cref="InvalidDataException">The digests differ.</exception>
    internal static void CheckDigest(string uri, string sha256, string what)
    {
        var digest = PolicyIdentity.Digest(uri);
        if (!string.Equals(digest, sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"the control topic names {what} {uri} with sha256 {sha256}, but that checkpoint's digest is {digest}");
    }

    /// <summary>Holds the trainer's publication until the role has saved the round's figures.</summary>
    private sealed class DeferredPublisher : ICheckpointPublisher
    {
        public (int NextRound, CheckpointInfo Checkpoint)? Asked { get; private set; }

        public Task PublishAsync(int nextRound, CheckpointInfo checkpoint, CancellationToken cancellationToken)
        {
            Asked = (nextRound, checkpoint);
            return Task.CompletedTask;
        }
    }
}
