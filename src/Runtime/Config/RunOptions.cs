using RlaifV.Stages.Options;

namespace RlaifV.Runtime.Config;

/// <summary>run: what is being generated.</summary>
public sealed record RunOptions
{
    /// <summary>The round (iteration) whose policy samples; recorded on every candidate and pair.</summary>
    public int Round { get; init; }

    /// <summary>The global seed; every candidate's seed derives from (global seed, round, prompt id, index).</summary>
    public long GlobalSeed { get; init; } = 20_240_527;

    /// <summary><c>rlaifv run</c>: how many rounds (generate with policy r → train → policy r + 1) to run.</summary>
    public int Rounds { get; init; } = 4;

    /// <summary>
    /// <c>rlaifv run</c>: fresh prompts per round. With a prompts file, round r takes records
    /// [r·N, (r+1)·N) of it; with the built-in world, N new scenes are drawn for each round.
    /// </summary>
    public int PromptsPerRound { get; init; } = 300;

    /// <summary>
    /// <c>rlaifv run</c>: reproducible rounds (default true): each round's prompts enter the graph in a fixed order (its
    /// slice of the prompts topic read partition by partition in offset order) and batches are cut by count only, so two
    /// runs of the same configuration make the same batches, the same pairs and the same figures. Off, the order follows
    /// the broker's fetches and partial batches go after <c>flush_ms</c> idle, as in a <c>generate</c> service (which is
    /// never deterministic: its latency must stay bounded).
    /// </summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>The shared context handed to the stages.</summary>
    public RunContext ToContext() => new() { Round = Round, GlobalSeed = GlobalSeed };
}
