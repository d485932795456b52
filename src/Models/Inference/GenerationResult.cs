namespace RlaifV.Models;

/// <summary>Generated ids per row (stop token excluded), whether the row stopped on a stop token, and optionally the logits of every step.</summary>
/// <param name="Tokens">Generated ids per row, stop token excluded.</param>
/// <param name="Stopped">True where the row ended on a stop token rather than the token limit.</param>
/// <param name="StepLogits">When requested: per row, per step, the float32 logits over the vocabulary (before any processing).</param>
public sealed record GenerationResult(IReadOnlyList<int[]> Tokens, IReadOnlyList<bool> Stopped, IReadOnlyList<IReadOnlyList<float[]>>? StepLogits)
{
    /// <summary>
    /// When requested: per row, the log-probs of each generated token, the stop token included when the row stopped on one
    /// (so a row always has at least one entry), each with the step's most likely tokens.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<TokenLogProbs>>? LogProbs { get; init; }
}
