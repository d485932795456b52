using RlaifV.Schemas;

namespace RlaifV.Stages.Rules;

/// <summary>The method's scoring rules (steps 5–6).</summary>
public static class Scoring
{
    /// <summary>The polar-question suffix appended to every question.</summary>
    public const string QuestionSuffix = " Please answer yes or no.";

    /// <summary>A claim is accepted iff P(yes)+P(Yes) &gt; P(no)+P(No), strictly (no threshold).</summary>
    public static bool Accepts(double pYes, double pNo) => pYes > pNo;

    /// <summary>
    /// score = −(number of rejected claims), no length normalisation; null when there are no claims
    /// (such a response never enters a pair).
    /// </summary>
    public static int? Score(IReadOnlyList<Verdict> verdicts) =>
        verdicts.Count == 0 ? null : -verdicts.Count(v => !v.Accepted);

    /// <summary>
    /// The score under <paramref name="rule"/>: <see cref="ScoreRule.RejectedClaims"/> is the method's (<see cref="Score(IReadOnlyList{Verdict})"/>);
    /// <see cref="ScoreRule.PYes"/> is 100 · P(yes) / (P(yes) + P(no)) averaged over the verdicts, rounded to whole points, so
    /// <c>pairing.min_delta</c> counts percentage points.
    /// </summary>
    public static int? Score(IReadOnlyList<Verdict> verdicts, ScoreRule rule)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        if (rule != ScoreRule.PYes) return Score(verdicts);
        if (verdicts.Count == 0) return null;
        return (int)Math.Round(100 * verdicts.Average(v => v.PYes + v.PNo > 0 ? v.PYes / (v.PYes + v.PNo) : 0.5), MidpointRounding.AwayFromZero);
    }
}
