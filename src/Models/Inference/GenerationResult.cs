namespace RlaifV.Models;

/// <summary>Generated ids per row (stop token excluded), whether the row stopped on a stop token, and optionally the logits of every step.</summary>
/// <param name="Tokens">Generated ids per row, stop token excluded.</param>
/// <param name="Stopped">True where the row ended on a stop token rather than the token limit.</param>
/// <param name="StepLogits">When requested: per row, per step, the float32 logits over the vocabulary (before any processing).</param>
public sealed record GenerationResult(IReadOnlyList<int[]> Tokens, IReadOnlyList<bool> Stopped, IReadOnlyList<IReadOnlyList<float[]>>? StepLogits);
