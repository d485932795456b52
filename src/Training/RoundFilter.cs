using RlaifV.Schemas;
using RlaifV.Stages.Rules;

namespace RlaifV.Training;

/// <summary>
/// Turns a round's records into its training set: malformed records are dead-lettered (reason codes
/// <c>missing_field</c>, <c>identical_responses</c>, <c>wrong_round</c>), repeats of a pair id are dropped (the first
/// wins), the rest are put in pair-id order (the order they were read in varies with the topic's partitions), and the
/// length-balance filter of method step 7 runs over the whole round (<see cref="LengthBalance"/>).
/// </summary>
public static class RoundFilter
{
    /// <summary>
    /// Filters <paramref name="records"/> of round <paramref name="round"/>; <paramref name="lengthBalance"/> false
    /// skips the length-balance filter (a deviation from the method, for ablations: the report then shows cut 1).
    /// </summary>
    public static (IReadOnlyList<RoundPairRecord> Pairs, RoundReport Report) Apply(IReadOnlyList<RoundPairRecord> records, int round, Action<DeadLetter> deadLetter, bool lengthBalance = true)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<RoundPairRecord>();
        int malformed = 0, duplicates = 0;
        foreach (var r in records)
        {
            string? problem = Problem(r, round, out string reason);
            if (problem is not null)
            {
                malformed++;
                deadLetter(new DeadLetter
                {
                    Stage = "train",
                    Reason = reason,
                    Detail = problem,
                    Key = r.PairId,
                    Origin = r.Origin,
                    Input = Render(r),
                    At = DateTimeOffset.UtcNow,
                });
                continue;
            }

            if (!seen.Add(r.PairId!))
            {
                duplicates++;
                continue;
            }

            unique.Add(r);
        }

        // Topic partitions interleave differently from run to run; training sees the round's pairs in pair-id order,
        // so the same pairs give the same batches (and the same next policy).
        unique.Sort((x, y) => string.CompareOrdinal(x.PairId, y.PairId));
        var lengths = unique.Select(p => (Words(p.ChosenWords, p.Chosen!), Words(p.RejectedWords, p.Rejected!))).ToList();
        var balance = lengthBalance ? LengthBalance.Apply(lengths) : LengthBalance.None(lengths);
        var kept = balance.Kept.Select(i => unique[i]).ToList();
        return (kept, new RoundReport(records.Count, malformed, duplicates, unique.Count, balance.Cut, kept.Count, balance.Imbalance));
    }

    private static string? Problem(RoundPairRecord r, int round, out string reason)
    {
        reason = DeadLetterReasons.MissingField;
        if (string.IsNullOrWhiteSpace(r.PairId))
        {
            return "pair_id is empty";
        }

        if (string.IsNullOrWhiteSpace(r.Question))
        {
            return "question is empty";
        }

        if (string.IsNullOrWhiteSpace(r.Chosen) || string.IsNullOrWhiteSpace(r.Rejected))
        {
            return "chosen or rejected is empty";
        }

        if (r.Chosen.Trim() == r.Rejected.Trim())
        {
            reason = DeadLetterReasons.IdenticalResponses;
            return "chosen and rejected are the same text";
        }

        if (r.Round != round)
        {
            reason = DeadLetterReasons.WrongRound;
            return $"the record is of round {r.Round}, not {round}";
        }

        return null;
    }

    private static int Words(int recorded, string text) => recorded > 0 ? recorded : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Render(RoundPairRecord r)
    {
        string text = System.Text.Json.JsonSerializer.Serialize(new { pair_id = r.PairId, round = r.Round, question = r.Question, chosen = r.Chosen, rejected = r.Rejected });
        return text.Length <= 2000 ? text : text[..2000];
    }
}
