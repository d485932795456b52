using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;

namespace RlaifV.Orchestration.Roles;

/// <summary>
/// The generator role (<c>rlaifv generate --follow</c>, and the generator of <c>rlaifv run</c>): follows the control
/// topic; when round r is open ("round started" with its prompt range, no "generation complete" yet) it joins round r's
/// consumer group with round r's policy (checked against its digest), generates its share of the range until the group
/// has committed the range's end on every partition, then waits for the next round; it idles while no round is open.
/// N replicas split the partitions (cooperative-sticky). It never records a round complete (the coordinator does, once
/// the group has committed the whole range), so replicas need no agreement among themselves.
/// </summary>
public sealed class GeneratorRole
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LagEvery = TimeSpan.FromSeconds(3);
    private readonly RunJobOptions options;
    private readonly IModelProvider models;
    private readonly KafkaEnvironment environment;
    private readonly PipelineMetrics metrics;
    private readonly RoleStatus status;
    private readonly TextWriter log;
    private readonly bool alone;

    /// <summary>Creates the role.</summary>
    /// <param name="options">The run's settings (stages, output, the start policy).</param>
    /// <param name="models">Builds a round's models for its policy.</param>
    /// <param name="environment">The cluster.</param>
    /// <param name="metrics">The pipeline's metrics.</param>
    /// <param name="status">The role's metrics and health.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="alone">
    /// The only generator of its rounds (<c>rlaifv run</c>): a deterministic run (<c>run.deterministic</c>) then reads each
    /// range in (partition, offset) order. Replicas (false) read in the broker's order: each holds only some partitions.
    /// </param>
    public GeneratorRole(RunJobOptions options, IModelProvider models, KafkaEnvironment environment, PipelineMetrics metrics, RoleStatus status, TextWriter log, bool alone)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.models = models;
        this.environment = environment;
        this.metrics = metrics;
        this.status = status;
        this.log = log;
        this.alone = alone;
    }

    /// <summary>
    /// Generates every open round until stopped. A stop ends reading, drains what is in flight, commits what is done and
    /// throws <see cref="OperationCanceledException"/>; the round's other generators (or this one, restarted) finish it.
    /// </summary>
    /// <returns>Never returns normally.</returns>
    public async Task RunAsync(CancellationToken stop)
    {
        int next = 0;
        status.Require("broker", true);
        using var control = new ControlFollower(environment);
        while (true)
        {
            stop.ThrowIfCancellationRequested();
            var state = control.Poll(Poll, stop);
            var open = state.Rounds.Values.FirstOrDefault(r => r.Round >= next && r.Started is { PromptEndOffsets.Count: > 0 } && r.GenerationComplete is null);
            if (open is null)
            {
                status.SetGeneratorState(GeneratorState.Idle);
                status.SetPending("generate", false);
                continue;
            }
            await RoundAsync(open, stop);
            next = open.Round + 1;
        }
    }

    /// <summary>Generates this process's share of an open round, until its group has done the whole range.</summary>
    private async Task RoundAsync(RoundState round, CancellationToken stop)
    {
        int r = round.Round;
        var started = round.Started!;
        status.SetRound(r);
        status.SetGeneratorState(GeneratorState.Loading);
        status.Require("models", false);
        status.Require("group", false);
        var group = KafkaGenerationJob.GroupOf(environment.Topics, r);
        var policyPath = started.PolicyUri.StartsWith("model:", StringComparison.Ordinal) ? options.StartPolicy : started.PolicyUri;
        var stages = options.Stages with { Run = options.Stages.Run with { Round = r, Deterministic = alone && options.Stages.Run.Deterministic } };
        var counts = new StageCounts(metrics, StageCounts.Generation);
        long lastDone = -1;
        long nextLag = 0;
        void Progress(PromptAccounting a, long pairs)
        {
            if (a.ProcessedCount != lastDone)
            {
                lastDone = a.ProcessedCount;
                status.Progress("generate");
            }
            status.SetPending("generate", a.AdmittedCount > a.ProcessedCount + a.RejectedCount);
            if (Environment.TickCount64 >= nextLag)
            {
                nextLag = Environment.TickCount64 + (long)LagEvery.TotalMilliseconds;
                UpdateLag(group, stop);
            }
            log.Write($"\rround {r}: generate: {a.AdmittedCount} prompts read, {a.ProcessedCount} done, {a.RejectedCount} rejected; {counts}; {pairs} pairs   ");
        }

        var hooks = new RoundHooks
        {
            RecordComplete = false,
            ModelsLoaded = () =>
            {
                status.Require("models", true);
                status.SetGeneratorState(GeneratorState.Generating);
            },
            GroupJoined = () => status.Require("group", true),
            Draining = () => status.SetGeneratorState(GeneratorState.Draining),
        };
        KafkaGenerationSummary summary;
        try
        {
            summary = await KafkaGenerationJob.RunAsync(stages, options.Output, environment, policyPath, path => models.Build(r, path), untilCaughtUp: true, metrics, Progress, stop,
                new PromptRange(started.PromptStartOffsets, started.PromptEndOffsets), hooks);
        }
        finally
        {
            status.SetPending("generate", false);
            status.Require("models", true);
            status.Require("group", true);
        }
        await log.WriteLineAsync();
        stop.ThrowIfCancellationRequested();
        UpdateLag(group, stop);
        status.Produced("pairs", summary.Pairs);
        status.Produced("dlq", summary.DeadLetters);
        status.Consumed("prompts", summary.Read);
        status.SetGeneratorState(GeneratorState.Idle);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {r}: this generator read {summary.Read} prompts, {summary.Processed} done, {summary.Pairs} pairs in {summary.Seconds:F1} s; the round's group has done its range"));
    }

    /// <summary>Publishes the group's lag on the prompts topic (skipped when the broker cannot be asked now).</summary>
    private void UpdateLag(string group, CancellationToken stop)
    {
        try
        {
            status.SetLag(environment.Topics.Prompts, environment.Lag(group, environment.Topics.Prompts, stop));
        }
        catch (Exception e) when (e is Confluent.Kafka.KafkaException or InvalidOperationException)
        {
            // The broker did not answer: the gauge keeps its last value; /readyz reports the broker.
        }
    }
}
