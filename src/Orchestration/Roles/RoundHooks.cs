namespace RlaifV.Orchestration.Roles;

/// <summary>
/// How a role runs one round of Kafka generation (<see cref="KafkaGenerationJob.RunAsync"/>): who records the round's
/// completion, and callbacks for the role's state, readiness and health.
/// </summary>
public sealed record RoundHooks
{
    /// <summary>The generator records "generation complete" and exports Parquet itself (default true: a lone bounded generator); false when a coordinator does.</summary>
    public bool RecordComplete { get; init; } = true;

    /// <summary>Called once the round's models are loaded (the policy checked by digest).</summary>
    public Action? ModelsLoaded { get; init; }

    /// <summary>Called when the round's consumer group assigns this generator its partitions.</summary>
    public Action? GroupJoined { get; init; }

    /// <summary>Called when reading ends (caught up or stopping) and what is in flight drains.</summary>
    public Action? Draining { get; init; }
}
