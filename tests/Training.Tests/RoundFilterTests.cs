using RlaifV.Schemas;
using Xunit;

namespace RlaifV.Training.Tests;

public sealed class RoundFilterTests
{
    private static RoundPairRecord Pair(string id, int chosenWords, int rejectedWords, int round = 3) => new()
    {
        PairId = id,
        Round = round,
        Question = "Describe the image.",
        Chosen = string.Join(' ', Enumerable.Repeat("c", chosenWords)),
        Rejected = string.Join(' ', Enumerable.Repeat("r", rejectedWords)),
        ChosenWords = chosenWords,
        RejectedWords = rejectedWords,
    };

    [Fact]
    public void Apply_DuplicatesAndMalformed_DroppedCountedAndDeadLettered()
    {
        var records = new List<RoundPairRecord>
        {
            Pair("a", 10, 10), Pair("a", 10, 10), Pair("b", 10, 10),
            Pair("c", 10, 10) with { Chosen = "" },
            Pair("d", 10, 10) with { Chosen = "same", Rejected = " same " },
            Pair("e", 10, 10, round: 2),
            Pair("", 10, 10),
        };
        var dead = new List<DeadLetter>();
        var (pairs, report) = RoundFilter.Apply(records, 3, dead.Add);
        Assert.Equal(["a", "b"], pairs.Select(p => p.PairId));
        Assert.Equal(7, report.Read);
        Assert.Equal(4, report.Malformed);
        Assert.Equal(1, report.Duplicates);
        Assert.Equal(2, report.Unique);
        Assert.Equal(2, report.Kept);
        Assert.Equal(["missing_field", "identical_responses", "wrong_round", "missing_field"], dead.Select(d => d.Reason));
        Assert.All(dead, d => Assert.Equal("train", d.Stage));
    }

    [Fact]
    public void Apply_LongRejected_LengthBalanceDropsThemOverWholeRound()
    {
        // Two balanced pairs and one whose rejected answer is twice as long: (20 - 10) / 20 = 0.5 > cut 0.
        var records = new List<RoundPairRecord> { Pair("a", 10, 10), Pair("b", 12, 12), Pair("c", 10, 20) };
        var (pairs, report) = RoundFilter.Apply(records, 3, _ => { });
        Assert.Equal(["a", "b"], pairs.Select(p => p.PairId));
        Assert.Equal(0.0, report.LengthBalanceCut);
        Assert.Equal(0.0, report.Imbalance, 9);
        Assert.Equal(3, report.Unique);
        Assert.Equal(2, report.Kept);
    }

    [Fact]
    public void Apply_LengthBalanceOff_KeepsEveryUniquePairAndReportsTheImbalance()
    {
        var records = new List<RoundPairRecord> { Pair("a", 10, 10), Pair("b", 12, 12), Pair("c", 10, 20), Pair("c", 10, 20) };
        var (pairs, report) = RoundFilter.Apply(records, 3, _ => { }, lengthBalance: false);
        Assert.Equal(["a", "b", "c"], pairs.Select(p => p.PairId));
        Assert.Equal(1.0, report.LengthBalanceCut);
        Assert.Equal(Math.Abs(32.0 - 42.0) / 42.0, report.Imbalance, 9);
        Assert.Equal(3, report.Kept);
    }

    [Fact]
    public void Apply_PairsReadInAnyOrder_TrainedInPairIdOrder()
    {
        var records = new List<RoundPairRecord> { Pair("c", 10, 10), Pair("a", 11, 11), Pair("b", 12, 12), Pair("a", 13, 13) };
        var (pairs, _) = RoundFilter.Apply(records, 3, _ => { });
        Assert.Equal(["a", "b", "c"], pairs.Select(p => p.PairId));
        Assert.Equal(11, pairs[0].ChosenWords); // the first "a" read wins
    }
}
