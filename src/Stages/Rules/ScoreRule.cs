namespace RlaifV.Stages.Rules;

/// <summary>The score rule of pairing (<c>pairing.score</c>).</summary>
public enum ScoreRule
{
    /// <summary><c>rejected_claims</c>: the method's score, minus the number of rejected claims.</summary>
    RejectedClaims,

    /// <summary><c>p_yes</c>: whole-response feedback's P(yes) in points (an ablation, not the method).</summary>
    PYes,
}
