namespace RlaifV.World;

/// <summary>The checker's judgement of one claim.</summary>
/// <param name="Claim">The claim as a sentence.</param>
/// <param name="Statement">Its parsed form, or null when it is not in the world's language.</param>
/// <param name="Truth">True, false or unjudgeable.</param>
/// <param name="Error">Why it is false; <see cref="ClaimError.None"/> unless <see cref="Truth"/> is false.</param>
public sealed record ClaimJudgement(string Claim, Statement? Statement, Truth Truth, ClaimError Error);
