namespace RlaifV.Stages.Rules;

/// <summary>
/// The length-balance filter over a round's pairs (method step 7). For each cut r in 0, 0.02, …, 0.98 it
/// drops pairs with (len_rejected − len_chosen) / len_rejected &gt; r, and keeps the survivors of the r
/// that minimises |mean len_chosen − mean len_rejected| / mean len_rejected (the first such r on ties).
/// Lengths are word counts. It counteracts DPO's pull toward shorter answers when rejected answers are
/// systematically longer.
/// </summary>
public static class LengthBalance
{
    /// <summary>The outcome of the filter.</summary>
    /// <param name="Cut">The chosen r.</param>
    /// <param name="Kept">Indices of the surviving pairs, in input order.</param>
    /// <param name="Imbalance">|mean chosen − mean rejected| / mean rejected of the survivors.</param>
    public sealed record Result(double Cut, IReadOnlyList<int> Kept, double Imbalance);

    /// <summary>
    /// Whether the trainer applies the filter to a round: when <c>training.length_balance</c> is on and the generator did
    /// not already filter the round's pairs in windows (<c>pairing.length_balance_window</c> = 0). The filter runs once: a
    /// second pass over pairs a window already balanced would drop more of them for a balance they already have.
    /// </summary>
    /// <param name="trainingLengthBalance"><c>training.length_balance</c>.</param>
    /// <param name="generatorWindow"><c>pairing.length_balance_window</c> the round's pairs were generated with.</param>
    public static bool TrainerFilters(bool trainingLengthBalance, int generatorWindow) => trainingLengthBalance && generatorWindow <= 0;

    /// <summary>No filter: every pair kept (cut 1), with the imbalance that leaves.</summary>
    public static Result None(IReadOnlyList<(int ChosenWords, int RejectedWords)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        double chosen = pairs.Sum(p => (double)p.ChosenWords), rejected = pairs.Sum(p => (double)p.RejectedWords);
        return new Result(1, Enumerable.Range(0, pairs.Count).ToList(), rejected == 0 ? 0 : Math.Abs(chosen - rejected) / rejected);
    }

    /// <summary>Applies the filter to pairs given as (chosen words, rejected words).</summary>
    public static Result Apply(IReadOnlyList<(int ChosenWords, int RejectedWords)> pairs)
    {
        if (pairs.Count == 0) return new Result(0, [], 0);
        Result? best = null;
        for (var step = 0; step < 50; step++)
        {
            var cut = step * 0.02;
            var kept = new List<int>();
            double sumChosen = 0, sumRejected = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                var (c, r) = pairs[i];
                var relative = r == 0 ? 0.0 : (r - c) / (double)r;
                if (relative > cut + 1e-12) continue;
                kept.Add(i);
                sumChosen += c;
                sumRejected += r;
            }
            if (kept.Count == 0 || sumRejected == 0) continue;
            var imbalance = Math.Abs(sumChosen - sumRejected) / sumRejected;
            if (best is null || imbalance < best.Imbalance - 1e-12) best = new Result(cut, kept, imbalance);
        }
        return best ?? new Result(0, Enumerable.Range(0, pairs.Count).ToList(), 0);
    }
}
