using RlaifV.Kafka;
using RlaifV.Stages.Options;
using RlaifV.Training;

namespace RlaifV.Orchestration;

/// <summary>The settings of <see cref="RunJob"/>: the libraries' section records it composes, and the rounds.</summary>
public sealed record RunJobOptions
{
    /// <summary>The stages' settings; the round of <see cref="StageOptions.Run"/> is set by the job for each round.</summary>
    public StageOptions Stages { get; init; } = new();

    /// <summary>output: the round's Parquet files, dead letters, the run's records and report.</summary>
    public OutputOptions Output { get; init; } = new();

    /// <summary>kafka: the transport of every round (the embedded broker by default).</summary>
    public KafkaOptions Kafka { get; init; } = new();

    /// <summary>training: DPO on each round's pairs.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>The start policy's checkpoint folder (<c>models.policy.path</c>): round 0's policy.</summary>
    public string StartPolicy { get; init; } = string.Empty;

    /// <summary>Rounds of generate → train → next policy (<c>run.rounds</c>).</summary>
    public int Rounds { get; init; } = 4;

    /// <summary>Fresh prompts per round (<c>run.prompts_per_round</c>).</summary>
    public int PromptsPerRound { get; init; } = 300;
}
