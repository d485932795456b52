namespace RlaifV.Training;

/// <summary>One prompt's candidates, their self-feedback rewards, and the index of the best.</summary>
/// <param name="Texts">The sampled candidates, in seed order.</param>
/// <param name="Rewards">Each candidate's reward r = (β/T)·Σ(log πθ − log π_ref).</param>
/// <param name="Best">The highest-rewarded candidate that is not blank (0 when every one is blank).</param>
public sealed record BestOfNChoice(IReadOnlyList<string> Texts, IReadOnlyList<double> Rewards, int Best);
