namespace RlaifV.Stages.Options;

/// <summary>
/// Everything the generation graph's stages are configured with: one record per pipeline.yaml section
/// (<c>ingest</c>, <c>sampling</c>, <c>claims</c>, <c>questions</c>, <c>labeler</c>, <c>pairing</c>) and the run they
/// belong to (round and global seed).
/// </summary>
public sealed record StageOptions
{
    /// <summary>The round and the global seed every per-item seed derives from.</summary>
    public RunContext Run { get; init; } = new();

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
}
