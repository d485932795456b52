namespace RlaifV.Stages.Options;

/// <summary>What every stage of one run shares: the round and the global seed.</summary>
public sealed record RunContext
{
    /// <summary>The round (iteration) being generated.</summary>
    public int Round { get; init; }

    /// <summary>The global seed every per-item seed derives from.</summary>
    public long GlobalSeed { get; init; } = 20_240_527;
}
