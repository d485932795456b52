namespace RlaifV.Models;

/// <summary>
/// One model input row: token ids (image positions hold <c>image_token_index</c>, one per image feature), the
/// preprocessed image [3 × side × side] when the row has one, and the row's RNG seed for sampling.
/// </summary>
/// <param name="TokenIds">The prompt's ids, begin-of-sequence included.</param>
/// <param name="Pixels">Channel-first pixel values, or null for a text-only row.</param>
/// <param name="Seed">The row's sampling seed.</param>
public sealed record TokenizedPrompt(IReadOnlyList<int> TokenIds, float[]? Pixels = null, long Seed = 0);
