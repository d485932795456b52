using RlaifV.Models;

namespace RlaifV.Training;

/// <summary>
/// Computes reference log-probs (method step 8) with the round's starting model: for each pair, chosen and rejected
/// rows in one batched forward without gradients; summed, mean and per-token values of the response tokens (end-of-turn
/// included). Shows progress with rate and time left.
/// </summary>
public static class ReferenceLogProbComputer
{
    /// <summary>Returns <paramref name="pairs"/> with <see cref="TrainingPair.Reference"/> filled, in the same order.</summary>
    /// <param name="engine">The reference model.</param>
    /// <param name="pairs">Pairs to score.</param>
    /// <param name="batchPairs">Pairs per forward (2 rows each).</param>
    /// <param name="progress">Progress display target (optional).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static IReadOnlyList<TrainingPair> Compute(InferenceEngine engine, IReadOnlyList<TrainingPair> pairs, int batchPairs, TextWriter? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchPairs, 1);
        var result = new List<TrainingPair>(pairs.Count);
        var meter = new ProgressMeter(progress, "reference log-probs", pairs.Count, "pairs");
        foreach (var chunk in pairs.Chunk(batchPairs))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var prompts = chunk.Select(p => p.Prompt).Concat(chunk.Select(p => p.Prompt)).ToList();
            var responses = chunk.Select(p => p.Chosen).Concat(chunk.Select(p => p.Rejected)).ToList();
            var scored = engine.ScoreResponses(prompts, responses);
            for (int i = 0; i < chunk.Length; i++)
            {
                result.Add(chunk[i] with { Reference = new ReferenceLogProbs(scored[i], scored[chunk.Length + i]) });
            }

            meter.Report(result.Count);
        }

        return result;
    }
}
