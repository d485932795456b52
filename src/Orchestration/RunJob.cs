using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Orchestration.Roles;
using RlaifV.Stages.Flow;

namespace RlaifV.Orchestration;

/// <summary>
/// <c>rlaifv run</c>: the method's outer loop for <see cref="RunJobOptions.Rounds"/> rounds, as the single-process
/// composition of the cluster's three roles against one Kafka (the embedded broker by default): the coordinator
/// (<see cref="CoordinatorRole"/>: put the round's prompts on the prompts topic, record the round started, record its
/// generation complete once its group is done, wait for the checkpoint, <b>measure</b> it, <b>record</b> the round), one
/// generator (<see cref="GeneratorRole"/>: <b>generate</b> each open round with its policy) and the trainer
/// (<see cref="TrainerRole"/>: <b>train</b> each generated round, publish the checkpoint). The roles share only the
/// control topic and the checkpoint folder, as separate processes do. The run ends when the coordinator has recorded
/// every round. A restarted run resumes after the last saved record: generation is deterministic (seeded per candidate,
/// read in (partition, offset) order when <c>run.deterministic</c>) and training resumes from its saved state, so a
/// killed run finishes with the result of an uninterrupted one.
/// </summary>
public sealed class RunJob
{
    private readonly RunJobOptions options;
    private readonly IModelProvider models;
    private readonly IRoundTrainer trainer;
    private readonly IRoundPrompts prompts;
    private readonly IRunEvaluator? evaluator;
    private readonly TextWriter log;
    private readonly PipelineMetrics metrics;
    private readonly RoleStatus status;

    /// <summary>Creates the job.</summary>
    /// <param name="options">The settings (the stages' round is ignored: every round is run).</param>
    /// <param name="models">Builds a round's models once its policy is known, and loads policies for training and measuring.</param>
    /// <param name="trainer">Trains a round.</param>
    /// <param name="prompts">Each round's prompts.</param>
    /// <param name="evaluator">Measures policies and verdicts against ground truth, when there is one.</param>
    /// <param name="log">Progress and per-round lines.</param>
    /// <param name="metrics">The pipeline's metrics, shared by every round (a fresh set when null).</param>
    /// <param name="status">The roles' metrics and health (a fresh one on <paramref name="metrics"/>' registry when null).</param>
    public RunJob(RunJobOptions options, IModelProvider models, IRoundTrainer trainer, IRoundPrompts prompts, IRunEvaluator? evaluator, TextWriter log, PipelineMetrics? metrics = null, RoleStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.metrics = metrics ?? new PipelineMetrics();
        this.status = status ?? new RoleStatus(RoleKind.Run, this.metrics.Registry, TimeSpan.FromMinutes(5));
        this.options = options;
        this.models = models;
        this.trainer = trainer;
        this.prompts = prompts;
        this.evaluator = evaluator;
        this.log = log;
        Ledger = new RunLedger(options.Output.Dir);
    }

    /// <summary>The run's records (summary.json's rows).</summary>
    public RunLedger Ledger { get; }

    /// <summary>The checkpoint folder of policy <paramref name="round"/> (round 0: the start policy).</summary>
    public string PolicyOf(int round) => round == 0
        ? options.StartPolicy
        : Path.Combine(options.Training.CheckpointsDir, string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}"));

    /// <summary>Runs (or resumes) every round; returns the records. Stopping (<paramref name="stop"/>) throws <see cref="OperationCanceledException"/>.</summary>
    public async Task<IReadOnlyList<RoundRecord>> RunAsync(CancellationToken stop)
    {
        using var environment = KafkaEnvironment.Open(options.Kafka);
        status.BrokerAnswers = () => environment.BrokerAnswers(TimeSpan.FromSeconds(2));
        await log.WriteLineAsync($"kafka: {(options.Kafka.IsEmbedded ? "embedded broker at " : string.Empty)}{environment.BootstrapServers}; {options.Rounds} rounds, output {options.Output.Dir}");
        using var roles = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var coordinator = new CoordinatorRole(options, models, prompts, evaluator, environment, log, status, metrics);
        var coordinating = Task.Run(() => coordinator.RunAsync(roles.Token), CancellationToken.None);
        var generating = Task.Run(() => new GeneratorRole(options, models, environment, metrics, status, log, alone: true).RunAsync(roles.Token), CancellationToken.None);
        var training = Task.Run(() => new TrainerRole(options, models, trainer, environment, log, status, evaluator).RunAsync(null, roles.Token), CancellationToken.None);
        var first = await Task.WhenAny(coordinating, generating, training);
        await roles.CancelAsync();
        try
        {
            await Task.WhenAll(coordinating, generating, training);
        }
        catch (OperationCanceledException)
        {
            // The generator and the trainer follow until told to stop; a role that failed is reported below.
        }
        // The first role to end decides: the coordinator with every round recorded, or the role whose failure ended the run.
        if (first != coordinating && first.Exception is { } failed) throw failed.InnerException ?? failed;
        if (coordinating.Exception is { } coordinatorFailed) throw coordinatorFailed.InnerException ?? coordinatorFailed;
        if (coordinating.IsCanceled || first != coordinating) stop.ThrowIfCancellationRequested();
        return await coordinating;
    }
}
