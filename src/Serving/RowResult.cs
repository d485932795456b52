using RlaifV.Models;

namespace RlaifV.Serving;

/// <summary>One generated row: its tokens (stop token excluded), whether a stop token ended it, and its log-probs when asked for.</summary>
internal sealed record RowResult(int[] Tokens, bool Stopped, IReadOnlyList<TokenLogProbs>? LogProbs);
