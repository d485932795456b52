using RlaifV.Models;

namespace RlaifV.Training;

/// <summary>
/// A pair ready for the trainer: the tokenized prompt (with its preprocessed image, if any) and the chosen and rejected
/// response ids (end-of-turn included), with the reference log-probs once they are known.
/// </summary>
/// <param name="Id">The pair id.</param>
/// <param name="Prompt">The tokenized prompt.</param>
/// <param name="Chosen">Chosen response ids.</param>
/// <param name="Rejected">Rejected response ids.</param>
/// <param name="Reference">Reference log-probs (required by <see cref="DpoTrainer.Train"/>).</param>
public sealed record TrainingPair(string Id, TokenizedPrompt Prompt, IReadOnlyList<int> Chosen, IReadOnlyList<int> Rejected, ReferenceLogProbs? Reference = null)
{
    /// <summary>Tokens one forward of this pair processes (prompt twice, both responses).</summary>
    public int TokenCount => (2 * Prompt.TokenIds.Count) + Chosen.Count + Rejected.Count;
}
