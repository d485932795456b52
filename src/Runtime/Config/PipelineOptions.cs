using RlaifV.Evaluation;
using RlaifV.Kafka;
using RlaifV.Orchestration;
using RlaifV.Stages.Options;
using RlaifV.Training;
using RlaifV.World;

namespace RlaifV.Runtime.Config;

/// <summary>The whole pipeline.yaml. Every section has documented defaults; unknown keys are errors.</summary>
public sealed record PipelineOptions
{
    /// <summary>run.</summary>
    public RunOptions Run { get; init; } = new();

    /// <summary>input.</summary>
    public InputOptions Input { get; init; } = new();

    /// <summary>ingest.</summary>
    public IngestOptions Ingest { get; init; } = new();

    /// <summary>sampling.</summary>
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>claims.</summary>
    public ClaimsOptions Claims { get; init; } = new();

    /// <summary>questions.</summary>
    public QuestionsOptions Questions { get; init; } = new();

    /// <summary>labeler.</summary>
    public LabelerOptions Labeler { get; init; } = new();

    /// <summary>pairing.</summary>
    public PairingOptions Pairing { get; init; } = new();

    /// <summary>output.</summary>
    public OutputOptions Output { get; init; } = new();

    /// <summary>metrics.</summary>
    public MetricsOptions Metrics { get; init; } = new();

    /// <summary>health: the liveness check of /healthz.</summary>
    public HealthOptions Health { get; init; } = new();

    /// <summary>models.</summary>
    public ModelsOptions Models { get; init; } = new();

    /// <summary>kafka: the transport used when <c>input.source</c> is <c>kafka</c> and by replay and topic verbs.</summary>
    public KafkaOptions Kafka { get; init; } = new();

    /// <summary>training: DPO on a round's pairs and self-feedback best-of-N.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>world: the built-in world (input.source: world).</summary>
    public WorldOptions World { get; init; } = new();

    /// <summary>eval: <c>rlaifv eval</c>'s judge rubrics, response cache and judge batch.</summary>
    public JudgeOptions Eval { get; init; } = new();

    /// <summary>The stage sections with the run they belong to, as the generation graph takes them.</summary>
    public StageOptions ToStageOptions() => new()
    {
        Run = Run.ToContext(),
        Ingest = Ingest,
        Sampling = Sampling,
        Claims = Claims,
        Questions = Questions,
        Labeler = Labeler,
        Pairing = Pairing,
    };

    /// <summary>The settings of <c>rlaifv run</c>'s rounds (and of the world's ablation, which varies them).</summary>
    public RunJobOptions ToRunJobOptions() => new()
    {
        Stages = ToStageOptions() with { Run = Run.ToContext() with { Deterministic = Run.Deterministic } },
        Output = Output,
        Kafka = Kafka,
        Training = Training,
        StartPolicy = Models.Policy.Path,
        Rounds = Run.Rounds,
        PromptsPerRound = Run.PromptsPerRound,
    };
}
