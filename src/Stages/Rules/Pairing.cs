using RlaifV.Schemas;

namespace RlaifV.Stages.Rules;

/// <summary>The method's pair construction (step 7, per prompt).</summary>
public static class Pairing
{
    /// <summary>
    /// Every unordered pair of scored candidates whose scores differ by at least <paramref name="minDelta"/>
    /// (ties never pair), the higher score chosen, excluding pairs whose texts are equal after trimming.
    /// Unscored candidates (no claims) never pair. Order: by chosen index, then rejected index.
    /// </summary>
    public static IReadOnlyList<(ScoredCandidate Chosen, ScoredCandidate Rejected)> Eligible(IReadOnlyList<ScoredCandidate> candidates, int minDelta = 1)
    {
        var scored = candidates.Where(c => c.Score is not null).OrderBy(c => c.Candidate.Index).ToList();
        var result = new List<(ScoredCandidate, ScoredCandidate)>();
        for (var i = 0; i < scored.Count; i++)
        {
            for (var j = i + 1; j < scored.Count; j++)
            {
                var a = scored[i];
                var b = scored[j];
                var delta = a.Score!.Value - b.Score!.Value;
                if (Math.Abs(delta) < minDelta || delta == 0) continue;
                if (string.Equals(a.Candidate.Text.Trim(), b.Candidate.Text.Trim(), StringComparison.Ordinal)) continue;
                result.Add(delta > 0 ? (a, b) : (b, a));
            }
        }
        return result.OrderBy(p => p.Item1.Candidate.Index).ThenBy(p => p.Item2.Candidate.Index).ToList();
    }

    /// <summary>
    /// Samples <paramref name="count"/> pairs without replacement with a seeded RNG (all of them if fewer),
    /// returned in their original order.
    /// </summary>
    public static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> pairs, int count, long seed)
    {
        if (pairs.Count <= count) return pairs;
        var rng = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var indices = Enumerable.Range(0, pairs.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = rng.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices.Take(count).Order().Select(i => pairs[i]).ToList();
    }

    /// <summary>Builds the pair record from a chosen and a rejected candidate of one prompt.</summary>
    public static PreferencePair ToPair(Prompt prompt, ScoredCandidate chosen, ScoredCandidate rejected) => new()
    {
        PromptId = prompt.Id,
        Round = chosen.Candidate.Round,
        Instruction = prompt.Instruction,
        Image = prompt.Image,
        ChosenIndex = chosen.Candidate.Index,
        RejectedIndex = rejected.Candidate.Index,
        Chosen = chosen.Candidate.Text,
        Rejected = rejected.Candidate.Text,
        ChosenScore = chosen.Score!.Value,
        RejectedScore = rejected.Score!.Value,
        ChosenWords = Words.Count(chosen.Candidate.Text),
        RejectedWords = Words.Count(rejected.Candidate.Text),
        ChosenVerdicts = chosen.Verdicts,
        RejectedVerdicts = rejected.Verdicts,
        PolicyId = chosen.Candidate.PolicyId,
        LabelerId = chosen.LabelerId,
        Source = prompt.Source,
    };
}
