using Prometheus;

namespace RlaifV.Stages.Flow;

/// <summary>
/// The pipeline's Prometheus metrics, on a registry of its own (so tests and several pipelines in one
/// process never collide). Names follow the project's conventions: prefix <c>rlaifv_</c>, base units,
/// counters end in <c>_total</c>, bounded label values only (stage, outcome, reason, round, verdict).
/// </summary>
public sealed class PipelineMetrics
{
    private readonly List<(string Stage, Func<int> Depth)> depthProbes = [];
    private readonly Lock probeLock = new();

    /// <summary>Creates the metrics on <paramref name="registry"/> (a fresh one when null).</summary>
    public PipelineMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        ItemsIn = f.CreateCounter("rlaifv_stage_items_in_total", "Items a stage received.", "stage");
        ItemsOut = f.CreateCounter("rlaifv_stage_items_out_total", "Items a stage emitted.", "stage");
        Failures = f.CreateCounter("rlaifv_stage_failures_total", "Items a stage gave up on (dead-lettered).", "stage");
        BatchSeconds = f.CreateHistogram("rlaifv_stage_batch_duration_seconds", "Time a stage spent on one batch (model call included).",
            new HistogramConfiguration { LabelNames = ["stage"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 18) });
        BatchSize = f.CreateHistogram("rlaifv_stage_batch_size", "Items per batch a stage processed.",
            new HistogramConfiguration { LabelNames = ["stage"], Buckets = Histogram.ExponentialBuckets(1, 2, 10) });
        QueueDepth = f.CreateGauge("rlaifv_stage_queue_depth", "Items waiting in a stage's input buffers.", "stage");
        Candidates = f.CreateCounter("rlaifv_candidates_total", "Candidates sampled.", "round");
        Claims = f.CreateCounter("rlaifv_claims_total", "Claims judged by the labeler, by verdict.", "verdict");
        Pairs = f.CreateCounter("rlaifv_pairs_total", "Preference pairs emitted.", "round");
        PairsFiltered = f.CreateCounter("rlaifv_pairs_length_filtered_total", "Pairs removed by the streaming length-balance window.", "round");
        DeadLetters = f.CreateCounter("rlaifv_dead_letters_total", "Dead letters written, by stage and reason.", "stage", "reason");
        Prompts = f.CreateCounter("rlaifv_prompts_total", "Prompts that left the graph, by outcome.", "outcome");
        InFlight = f.CreateGauge("rlaifv_prompts_in_flight", "Prompts admitted and not yet completed.");
        Registry.AddBeforeCollectCallback(UpdateDepths);
    }

    /// <summary>The registry the metrics live on (serve it with a metric server).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>rlaifv_stage_items_in_total{stage}.</summary>
    public Counter ItemsIn { get; }

    /// <summary>rlaifv_stage_items_out_total{stage}.</summary>
    public Counter ItemsOut { get; }

    /// <summary>rlaifv_stage_failures_total{stage}.</summary>
    public Counter Failures { get; }

    /// <summary>rlaifv_stage_batch_duration_seconds{stage}.</summary>
    public Histogram BatchSeconds { get; }

    /// <summary>rlaifv_stage_batch_size{stage}.</summary>
    public Histogram BatchSize { get; }

    /// <summary>rlaifv_stage_queue_depth{stage}.</summary>
    public Gauge QueueDepth { get; }

    /// <summary>rlaifv_candidates_total{round}.</summary>
    public Counter Candidates { get; }

    /// <summary>rlaifv_claims_total{verdict}.</summary>
    public Counter Claims { get; }

    /// <summary>rlaifv_pairs_total{round}.</summary>
    public Counter Pairs { get; }

    /// <summary>rlaifv_pairs_length_filtered_total{round}.</summary>
    public Counter PairsFiltered { get; }

    /// <summary>rlaifv_dead_letters_total{stage,reason}.</summary>
    public Counter DeadLetters { get; }

    /// <summary>rlaifv_prompts_total{outcome}.</summary>
    public Counter Prompts { get; }

    /// <summary>rlaifv_prompts_in_flight.</summary>
    public Gauge InFlight { get; }

    /// <summary>Registers a probe read on every scrape for the stage's queue depth.</summary>
    public void AddDepthProbe(string stage, Func<int> depth)
    {
        lock (probeLock) depthProbes.Add((stage, depth));
    }

    private void UpdateDepths()
    {
        lock (probeLock)
        {
            foreach (var (stage, depth) in depthProbes) QueueDepth.WithLabels(stage).Set(depth());
        }
    }
}
