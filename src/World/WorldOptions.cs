namespace RlaifV.World;

/// <summary>
/// world: the built-in world used by <c>input.source: world</c> — procedurally generated scenes with exact ground
/// truth. Round r's prompts are scenes drawn from (seed, r); the held-out scenes, drawn from a separate stream of the
/// dev seed, are only used to measure the policy (the pipeline never sees ground truth). The held-out scenes come in two
/// sets: the dev set (<see cref="DevSeed"/>), which <c>rlaifv run</c> measures every round on and on which every tuning
/// decision is made, and the test set (<see cref="TestSeed"/>), which no tuning looks at and which the reported figures
/// come from (<c>rlaifv world eval</c>).
/// </summary>
public sealed record WorldOptions
{
    /// <summary>Seed of the training rounds' scenes.</summary>
    public long Seed { get; init; } = 20_240_527;

    /// <summary>
    /// Seed of the dev held-out scenes: what <c>rlaifv run</c> and the ablation measure each policy on, and what every
    /// tuning decision uses. Default 20240527, the seed every <c>[world]</c> setting and the shipped models were tuned on.
    /// </summary>
    public long DevSeed { get; init; } = 20_240_527;

    /// <summary>
    /// Seed of the test held-out scenes: the default of <c>rlaifv world eval</c>, where the reported figures come from.
    /// No setting was tuned on it. Default 20261203.
    /// </summary>
    public long TestSeed { get; init; } = 20_261_203;

    /// <summary>Held-out scenes each policy is measured on (greedy decoding); 0 = no measurement.</summary>
    public int HeldOut { get; init; } = 1000;

    /// <summary>Share of the round's prompts that ask for a detailed description (the rest are short questions).</summary>
    public double DescriptionShare { get; init; } = 0.5;
}
