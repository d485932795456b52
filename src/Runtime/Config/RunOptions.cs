using RlaifV.Stages.Options;

namespace RlaifV.Runtime.Config;

/// <summary>run: what is being generated.</summary>
public sealed record RunOptions
{
    /// <summary>The round (iteration) whose policy samples; recorded on every candidate and pair.</summary>
    public int Round { get; init; }

    /// <summary>The global seed; every candidate's seed derives from (global seed, round, prompt id, index).</summary>
    public long GlobalSeed { get; init; } = 20_240_527;

    /// <summary>The shared context handed to the stages.</summary>
    public RunContext ToContext() => new() { Round = Round, GlobalSeed = GlobalSeed };
}
