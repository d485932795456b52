using RlaifV.Stages.Rules;

namespace RlaifV.Stages.Options;

/// <summary>Pair construction (method step 7).</summary>
public sealed record PairingOptions
{
    /// <summary>
    /// The score rule: rejected_claims (the method: minus the number of rejected claims) or p_yes (whole-response
    /// feedback's P(yes) in points, an ablation).
    /// </summary>
    public ScoreRule Score { get; init; } = ScoreRule.RejectedClaims;

    /// <summary>Minimum score difference of a pair (reference: 1; ties never pair).</summary>
    public int MinDelta { get; init; } = 1;

    /// <summary>Pairs sampled per prompt (reference: 2; all when fewer).</summary>
    public int PairsPerPrompt { get; init; } = 2;

    /// <summary>
    /// Streaming length-balance window, in pairs. 0 (default) leaves the filter to the trainer, which applies
    /// it over the whole round as the method states; W &gt; 0 applies it to every W consecutive pairs before
    /// they are written (an approximation for consumers that train without the round view).
    /// </summary>
    public int LengthBalanceWindow { get; init; }

    /// <summary>Bounded capacity of the pairing stage's input, in candidates.</summary>
    public int Capacity { get; init; } = 256;
}
