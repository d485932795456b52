namespace RlaifV.Models;

/// <summary>
/// The log-probability of one generated token and of the step's most likely tokens, from one log-softmax over the whole
/// vocabulary of the raw logits (before temperature, top-k, top-p and repetition penalty), as OpenAI-compatible servers
/// report them.
/// </summary>
/// <param name="TokenId">The generated token (a stop token included).</param>
/// <param name="LogProb">log p of <paramref name="TokenId"/>.</param>
/// <param name="Top">The step's most likely tokens, most likely first (empty when none were asked for).</param>
public sealed record TokenLogProbs(int TokenId, float LogProb, IReadOnlyList<TopLogProb> Top);
