namespace RlaifV.World;

/// <summary>The checker's judgement of one response: every claim's verdict, the objects it covered, its length.</summary>
/// <param name="Claims">One judgement per claim, in order.</param>
/// <param name="CoveredObjects">The scene's objects that some true claim names by shape.</param>
/// <param name="Words">Whitespace-separated word count of the response.</param>
public sealed record ResponseJudgement(IReadOnlyList<ClaimJudgement> Claims, IReadOnlyList<SceneObject> CoveredObjects, int Words)
{
    /// <summary>Number of false claims.</summary>
    public int FalseClaims => Claims.Count(c => c.Truth == Truth.False);

    /// <summary>Number of claims judged true or false.</summary>
    public int JudgedClaims => Claims.Count(c => c.Truth != Truth.Unjudgeable);

    /// <summary>Whether the response has at least one false claim.</summary>
    public bool Hallucinates => FalseClaims > 0;
}
