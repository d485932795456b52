namespace RlaifV.Stages.Options;

/// <summary>What every stage of one run shares: the round and the global seed.</summary>
public sealed record RunContext
{
    /// <summary>The round (iteration) being generated.</summary>
    public int Round { get; init; }

    /// <summary>The global seed every per-item seed derives from.</summary>
    public long GlobalSeed { get; init; } = 20_240_527;

    /// <summary>
    /// Batches are cut by count in input order only (no time-out flush), so the same input makes the same batches and,
    /// with a deterministic source order, the same outputs (<c>run.deterministic</c>, on for <c>rlaifv run</c>); off, a
    /// partial batch also goes after <see cref="BatchingOptions.FlushMs"/> idle (services: bounded latency).
    /// </summary>
    public bool Deterministic { get; init; }
}
