namespace RlaifV.World;

/// <summary>
/// world: the built-in world used by <c>input.source: world</c> — procedurally generated scenes with exact ground
/// truth. Round r's prompts are scenes drawn from (seed, r); the held-out scenes, drawn from a separate stream of the
/// same seed, are only used to measure the policy (the pipeline never sees ground truth).
/// </summary>
public sealed record WorldOptions
{
    /// <summary>Seed of the scenes (training rounds and held-out set).</summary>
    public long Seed { get; init; } = 20_240_527;

    /// <summary>Held-out scenes each policy is measured on (greedy decoding); 0 = no measurement.</summary>
    public int HeldOut { get; init; } = 1000;

    /// <summary>Share of the round's prompts that ask for a detailed description (the rest are short questions).</summary>
    public double DescriptionShare { get; init; } = 0.5;
}
