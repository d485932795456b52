using System.Collections.Concurrent;
using Prometheus;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;

namespace RlaifV.Orchestration.Roles;

/// <summary>
/// A role's metrics, liveness and readiness, on the registry the role serves. Metric names are a contract with the
/// dashboards (README, operations): <c>rlaifv_role_info{role}</c>, <c>rlaifv_round</c>, <c>rlaifv_generator_state{state}</c>,
/// <c>rlaifv_trainer_state{state}</c>, <c>rlaifv_last_progress_timestamp_seconds{stage}</c>,
/// <c>rlaifv_coordinator_rounds_completed_total</c>, <c>rlaifv_kafka_consumer_lag{topic,partition}</c>,
/// <c>rlaifv_kafka_messages_produced_total{kind}</c>, <c>rlaifv_kafka_messages_consumed_total{kind}</c>; labels are
/// bounded (topic is the prompts topic, kind one of prompts, candidates, verdicts, pairs, dlq, control).
/// <para>Liveness (<see cref="Health"/>): unhealthy only when a stage has had queued work and no progress for the stall
/// time; an idle role is healthy. Readiness (<see cref="Readiness"/>): every requirement the role declared is met and the
/// broker answers.</para>
/// </summary>
public sealed class RoleStatus
{
    private readonly ConcurrentDictionary<string, long> lastProgress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> requirements = new(StringComparer.Ordinal);
    private readonly Gauge round;
    private readonly Gauge generatorState;
    private readonly Gauge trainerState;
    private readonly Gauge progress;
    private readonly Gauge lag;
    private readonly Counter produced;
    private readonly Counter consumed;
    private readonly Counter roundsCompleted;
    private readonly TimeSpan stall;
    private readonly TimeProvider clock;

    /// <summary>Creates the status of <paramref name="role"/> on <paramref name="registry"/>.</summary>
    /// <param name="role">The role.</param>
    /// <param name="registry">The registry the role serves on /metrics.</param>
    /// <param name="stall">A stage with queued work and no progress for this long makes the role unhealthy (<c>health.stall_seconds</c>).</param>
    /// <param name="clock">The clock (tests pass a fake one).</param>
    public RoleStatus(RoleKind role, CollectorRegistry registry, TimeSpan stall, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Role = role;
        this.stall = stall;
        this.clock = clock ?? TimeProvider.System;
        var f = Metrics.WithCustomRegistry(registry);
        f.CreateGauge("rlaifv_role_info", "The process's role (always 1).", "role").WithLabels(EnumNames.Of(role)).Set(1);
        round = f.CreateGauge("rlaifv_round", "The round the role is working on (−1 before the first).");
        round.Set(-1);
        generatorState = f.CreateGauge("rlaifv_generator_state", "The generator's state (one-hot).", "state");
        trainerState = f.CreateGauge("rlaifv_trainer_state", "The trainer's state (one-hot).", "state");
        progress = f.CreateGauge("rlaifv_last_progress_timestamp_seconds", "Unix time of a stage's last progress (what /healthz judges).", "stage");
        lag = f.CreateGauge("rlaifv_kafka_consumer_lag", "High watermark minus the committed offset of the role's current group, per partition.", "topic", "partition");
        produced = f.CreateCounter("rlaifv_kafka_messages_produced_total", "Messages the role produced, by kind.", "kind");
        consumed = f.CreateCounter("rlaifv_kafka_messages_consumed_total", "Messages the role consumed, by kind.", "kind");
        roundsCompleted = f.CreateCounter("rlaifv_coordinator_rounds_completed_total", "Rounds the coordinator recorded complete (checkpoint published and measured).");
        if (role is RoleKind.Generator or RoleKind.Run) SetGeneratorState(GeneratorState.Idle);
        if (role is RoleKind.Trainer or RoleKind.Run) SetTrainerState(TrainerState.Idle);
    }

    /// <summary>The role.</summary>
    public RoleKind Role { get; }

    private volatile bool brokerAnswered;
    private Func<bool>? brokerAnswers;
    private Thread? probe;

    /// <summary>
    /// Answers whether the broker is reachable (set by the host; null: not checked). It is asked on a thread of its own,
    /// one question at a time, every two seconds, and readiness reports the last answer: a broker that does not answer
    /// makes each question wait for its timeout, which must never hold up an HTTP request or pile up threads.
    /// </summary>
    public Func<bool>? BrokerAnswers
    {
        get => brokerAnswers;
        set
        {
            brokerAnswers = value;
            if (value is null || probe is not null) return;
            brokerAnswered = value();
            probe = new Thread(() =>
            {
                while (true)
                {
                    Thread.Sleep(TimeSpan.FromSeconds(2));
                    if (brokerAnswers is { } ask) brokerAnswered = ask();
                }
            })
            { IsBackground = true, Name = "rlaifv broker probe" };
            probe.Start();
        }
    }

    /// <summary>Sets <c>rlaifv_round</c>.</summary>
    public void SetRound(int value) => round.Set(value);

    /// <summary>Sets the one-hot <c>rlaifv_generator_state</c>.</summary>
    public void SetGeneratorState(GeneratorState state)
    {
        foreach (var s in Enum.GetValues<GeneratorState>()) generatorState.WithLabels(EnumNames.Of(s)).Set(s == state ? 1 : 0);
    }

    /// <summary>Sets the one-hot <c>rlaifv_trainer_state</c>.</summary>
    public void SetTrainerState(TrainerState state)
    {
        foreach (var s in Enum.GetValues<TrainerState>()) trainerState.WithLabels(EnumNames.Of(s)).Set(s == state ? 1 : 0);
    }

    /// <summary>Records progress of <paramref name="stage"/> now.</summary>
    public void Progress(string stage)
    {
        var now = clock.GetUtcNow();
        lastProgress[stage] = now.ToUnixTimeMilliseconds();
        progress.WithLabels(stage).Set(now.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>Says whether <paramref name="stage"/> has queued work (only such a stage can stall).</summary>
    public void SetPending(string stage, bool hasWork)
    {
        if (hasWork && !pending.GetValueOrDefault(stage) && !lastProgress.ContainsKey(stage)) Progress(stage); // the stall clock starts with the work
        pending[stage] = hasWork;
    }

    /// <summary>Declares a readiness requirement (false until met), or updates it.</summary>
    public void Require(string name, bool met) => requirements[name] = met;

    /// <summary>Sets the lag of <paramref name="topic"/>'s partitions (high watermark − committed).</summary>
    public void SetLag(string topic, IEnumerable<PartitionOffset> lags)
    {
        ArgumentNullException.ThrowIfNull(lags);
        foreach (var l in lags) lag.WithLabels(topic, l.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(l.Offset);
    }

    /// <summary>Counts <paramref name="count"/> messages produced of <paramref name="kind"/> (prompts, candidates, verdicts, pairs, dlq, control).</summary>
    public void Produced(string kind, long count = 1) => produced.WithLabels(kind).Inc(count);

    /// <summary>Counts <paramref name="count"/> messages consumed of <paramref name="kind"/>.</summary>
    public void Consumed(string kind, long count = 1) => consumed.WithLabels(kind).Inc(count);

    /// <summary>Counts a round the coordinator finished.</summary>
    public void RoundCompleted() => roundsCompleted.Inc();

    /// <summary>Liveness: false, with the stalled stage, when a stage has had queued work and no progress for the stall time.</summary>
    public (bool Healthy, string Detail) Health()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (stage, hasWork) in pending)
        {
            if (!hasWork) continue;
            var since = TimeSpan.FromMilliseconds(now - lastProgress.GetValueOrDefault(stage, now));
            if (since > stall) return (false, $"stage {stage} has queued work and made no progress for {since.TotalSeconds:F0} s (health.stall_seconds = {stall.TotalSeconds:F0})");
        }
        return (true, "ok");
    }

    /// <summary>Readiness: every declared requirement met and the broker answering.</summary>
    public (bool Ready, string Detail) Readiness()
    {
        var unmet = requirements.Where(r => !r.Value).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        if (unmet.Count > 0) return (false, "waiting for: " + string.Join(", ", unmet));
        if (brokerAnswers is not null && !brokerAnswered) return (false, "the Kafka broker does not answer");
        return (true, "ok");
    }
}
