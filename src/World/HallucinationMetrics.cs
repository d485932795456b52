namespace RlaifV.World;

/// <summary>
/// Hallucination metrics over a set of (scene, response), as <see cref="Checker.Measure"/> computes them.
/// </summary>
/// <param name="Responses">Number of responses.</param>
/// <param name="ResponsesWithClaims">Responses with at least one judged (true or false) claim.</param>
/// <param name="HallucinatedResponses">Responses with at least one false claim.</param>
/// <param name="Claims">Judged claims (true or false), all responses together.</param>
/// <param name="FalseClaims">False claims.</param>
/// <param name="UnjudgeableClaims">Claims outside the language or ambiguous (not in <see cref="Claims"/>).</param>
/// <param name="ObjectsPresent">Objects in the scenes, summed over responses.</param>
/// <param name="ObjectsCovered">Of those, the objects some true claim of their response names by shape.</param>
/// <param name="TotalWords">Whitespace-separated words, all responses together.</param>
/// <param name="Errors">False claims by diagnosed error type.</param>
public sealed record HallucinationMetrics(
    int Responses,
    int ResponsesWithClaims,
    int HallucinatedResponses,
    int Claims,
    int FalseClaims,
    int UnjudgeableClaims,
    int ObjectsPresent,
    int ObjectsCovered,
    long TotalWords,
    IReadOnlyDictionary<ClaimError, int> Errors)
{
    /// <summary>
    /// Response-level hallucination, the CHAIR_s analogue: responses with ≥ 1 false claim ÷ responses with
    /// ≥ 1 judged claim (like CHAIR_s, which counts only responses that mention an object); 0 when none.
    /// </summary>
    public double ResponseHallucination => ResponsesWithClaims == 0 ? 0 : (double)HallucinatedResponses / ResponsesWithClaims;

    /// <summary>Claim-level hallucination, the CHAIR_i analogue: false claims ÷ judged claims; 0 when none.</summary>
    public double ClaimHallucination => Claims == 0 ? 0 : (double)FalseClaims / Claims;

    /// <summary>Coverage: objects named by a true claim ÷ objects present; 0 when there are none.</summary>
    public double Coverage => ObjectsPresent == 0 ? 0 : (double)ObjectsCovered / ObjectsPresent;

    /// <summary>
    /// Share of all claims (judged or not) that the checker cannot judge: outside the world's language or ambiguous.
    /// They count in no other metric, so a policy drifting out of the language would otherwise read as improving; 0 when
    /// there are no claims.
    /// </summary>
    public double Unjudgeable => Claims + UnjudgeableClaims == 0 ? 0 : (double)UnjudgeableClaims / (Claims + UnjudgeableClaims);

    /// <summary>Mean response length in whitespace-separated words; 0 when there are no responses.</summary>
    public double MeanWords => Responses == 0 ? 0 : (double)TotalWords / Responses;
}
