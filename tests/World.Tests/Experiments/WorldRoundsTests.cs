using RlaifV.Schemas;
using RlaifV.World.Experiments;

namespace RlaifV.World.Tests.Experiments;

public class WorldRoundsTests
{
    [Fact]
    public async Task Open_EachRound_FreshScenesThatCarryNoGroundTruthIntoThePipeline()
    {
        var world = new WorldRounds(new WorldOptions { Seed = 11, HeldOut = 0 }, perRound: 20);
        var r0 = await ReadAsync(world, 0);
        var r1 = await ReadAsync(world, 1);

        Assert.Equal(20, r0.Count);
        Assert.Equal(world.Round(0).Select(p => p.Id), r0.Select(p => p.Id));
        Assert.Empty(r0.Select(p => p.ImageSha256).Intersect(r1.Select(p => p.ImageSha256)));
        Assert.All(r0.Concat(r1), p => Assert.Null(p.Metadata));
        Assert.All(r0, p => Assert.NotNull(p.ImageBytes));
    }

    [Fact]
    public void LabelerAgreement_VerdictsAgainstTheScenesTruth_IsTheShareJudgedRight()
    {
        var world = new WorldRounds(new WorldOptions { Seed = 11, HeldOut = 0 }, perRound: 5);
        var prompt = world.Round(0)[0];
        var claim = Describer.DescriptionText(prompt.Scene).Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0] + ".";
        var judged = Checker.JudgeClaim(prompt.Scene, claim).Truth;
        Assert.NotEqual(Truth.Unjudgeable, judged);
        var right = Verdict(claim, accepted: judged == Truth.True);
        var wrong = Verdict(claim, accepted: judged != Truth.True);

        Assert.Equal(0.5, world.LabelerAgreement(0, [Scored(prompt.Id, right, wrong)]));
        Assert.Null(world.LabelerAgreement(0, [Scored("not-a-prompt-of-the-round", right)]));
    }

    private static Verdict Verdict(string claim, bool accepted) =>
        new() { ClaimIndex = 0, Claim = claim, Question = claim, PYes = accepted ? 0.9 : 0.1, PNo = accepted ? 0.1 : 0.9, Accepted = accepted };

    private static ScoredCandidate Scored(string promptId, params Verdict[] verdicts) => new()
    {
        Candidate = new Candidate { PromptId = promptId, Round = 0, Index = 0, Seed = 1, Text = "x", TokenCount = 1, PolicyId = "p" },
        Verdicts = verdicts,
        Score = 0,
        LabelerId = "l",
    };

    private static async Task<List<PromptDraft>> ReadAsync(WorldRounds world, int round)
    {
        var drafts = new List<PromptDraft>();
        await foreach (var item in world.Open(round).ReadAsync(CancellationToken.None)) drafts.Add(item.Draft!);
        return drafts;
    }
}
