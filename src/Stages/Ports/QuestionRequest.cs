namespace RlaifV.Stages.Ports;

/// <summary>One claim to turn into a polar question.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Seed">
/// RNG seed for an LLM rewriter, derived from the claim's identity (global seed, round, candidate id, claim index), never
/// from its position in a batch: the same claim gets the same question whatever batch it travels in.
/// </param>
public sealed record QuestionRequest(string Claim, long Seed);
