namespace RlaifV.World;

/// <summary>One error planted in a description.</summary>
/// <param name="Kind">The error type; the checker diagnoses <see cref="Statement"/> as exactly this.</param>
/// <param name="Rule">The rule that planted it (a bias's name, or "random").</param>
/// <param name="Statement">The false statement.</param>
public sealed record InjectedError(ClaimError Kind, string Rule, Statement Statement);
