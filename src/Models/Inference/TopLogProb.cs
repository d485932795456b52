namespace RlaifV.Models;

/// <summary>One of the most likely tokens at a generation step, with its log-probability (nats, raw model distribution).</summary>
/// <param name="TokenId">The token.</param>
/// <param name="LogProb">log p of the token.</param>
public readonly record struct TopLogProb(int TokenId, float LogProb);
