namespace RlaifV.Stages.Ports;

/// <summary>All claims of one response, to be turned into polar questions in one call (method step 4).</summary>
/// <param name="Claims">The response's claims, in order.</param>
/// <param name="Seed">RNG seed for an LLM rewriter, derived from the response's id (never from a batch position).</param>
public sealed record RewriteRequest(IReadOnlyList<string> Claims, long Seed);
