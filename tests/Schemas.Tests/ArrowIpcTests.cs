using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Tests;

public class ArrowIpcTests
{
    private static readonly Verdict V1 = new() { ClaimIndex = 0, Claim = "There is a cat.", Question = "Is there a cat? Please answer yes or no.", PYes = 0.8, PNo = 0.1, Accepted = true };
    private static readonly Verdict V2 = new() { ClaimIndex = 1, Claim = "The cat is blue.", Question = "Is the cat blue? Please answer yes or no.", PYes = 0.2, PNo = 0.7, Accepted = false };

    private static PreferencePair Pair(string prompt) => new()
    {
        PromptId = prompt, Round = 3, Instruction = "Describe.", Image = new ImageRef { Uri = "a.png", Bytes = [1, 2, 3], Sha256 = "ab" },
        ChosenIndex = 2, RejectedIndex = 5, Chosen = "c", Rejected = "r", ChosenScore = 0, RejectedScore = -1,
        ChosenWords = 1, RejectedWords = 1, ChosenVerdicts = [V1], RejectedVerdicts = [V1, V2], PolicyId = "p", LabelerId = "l", Source = null,
    };

    [Fact]
    public void EncodeDecode_PairsWithNestedVerdicts_RoundTrip()
    {
        var pairs = new[] { Pair("a"), Pair("b") with { ChosenVerdicts = [] } };
        var back = ArrowIpc.Decode(PreferencePair.Layout, ArrowIpc.Encode(PreferencePair.Layout, pairs));
        Assert.Equal(2, back.Count);
        Assert.Equal("a#r3:2>5", back[0].Id);
        Assert.Equal(new[] { V1, V2 }, back[0].RejectedVerdicts);
        Assert.Empty(back[1].ChosenVerdicts);
        Assert.Equal(new byte[] { 1, 2, 3 }, back[0].Image.Bytes);
        Assert.Null(back[0].Source);
    }

    [Fact]
    public void EncodeDecode_EveryRecordType_RoundTrips()
    {
        var prompt = new Prompt { Id = "p1", Instruction = "Q?", Kind = PromptKind.ShortAnswer, Image = new ImageRef { Uri = "x.png", Sha256 = "00" }, Metadata = "{\"a\":1}" };
        Assert.Equal(prompt with { }, ArrowIpc.Decode(Prompt.Layout, ArrowIpc.Encode(Prompt.Layout, prompt))[0] with { });
        var candidate = new Candidate { PromptId = "p1", Round = 1, Index = 4, Seed = long.MaxValue, Text = "t", TokenCount = 7, PolicyId = "pol" };
        Assert.Equal(candidate, ArrowIpc.Decode(Candidate.Layout, ArrowIpc.Encode(Candidate.Layout, candidate))[0]);
        var claims = new ClaimSet { CandidateId = candidate.Id, PromptId = "p1", Claims = ["a", "b"], Questions = ["a?", "b?"], ExtractorId = "rules" };
        var claimsBack = ArrowIpc.Decode(ClaimSet.Layout, ArrowIpc.Encode(ClaimSet.Layout, claims))[0];
        Assert.Equal(claims.Claims, claimsBack.Claims);
        Assert.Equal(claims.Questions, claimsBack.Questions);
        var scored = new ScoredCandidate { Candidate = candidate, Verdicts = [V1, V2], Score = -1, LabelerId = "lab" };
        var scoredBack = ArrowIpc.Decode(ScoredCandidate.Layout, ArrowIpc.Encode(ScoredCandidate.Layout, scored))[0];
        Assert.Equal(candidate, scoredBack.Candidate);
        Assert.Equal(-1, scoredBack.Score);
        Assert.Equal(new[] { V1, V2 }, scoredBack.Verdicts);
        var unscored = scored with { Verdicts = [], Score = null };
        Assert.Null(ArrowIpc.Decode(ScoredCandidate.Layout, ArrowIpc.Encode(ScoredCandidate.Layout, unscored))[0].Score);
        var letter = new DeadLetter { Stage = "ingest", Reason = "malformed", Detail = "d", Input = "{", At = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        Assert.Equal(letter, ArrowIpc.Decode(DeadLetter.Layout, ArrowIpc.Encode(DeadLetter.Layout, letter))[0]);
    }

    [Fact]
    public void Decode_OtherRecordType_FailsNamingBoth()
    {
        var bytes = ArrowIpc.Encode(Candidate.Layout, new Candidate { PromptId = "p", Round = 0, Index = 0, Seed = 1, Text = "t", TokenCount = 1, PolicyId = "x" });
        var e = Assert.Throws<InvalidDataException>(() => ArrowIpc.Decode(PreferencePair.Layout, bytes));
        Assert.Contains("'candidate'", e.Message);
        Assert.Contains("'preference_pair'", e.Message);
    }

    [Fact]
    public void Encode_NullInRequiredColumn_ThrowsNamingColumn()
    {
        var bad = new Candidate { PromptId = null!, Round = 0, Index = 0, Seed = 1, Text = "t", TokenCount = 1, PolicyId = "x" };
        var e = Assert.Throws<ArgumentException>(() => ArrowIpc.Encode(Candidate.Layout, bad));
        Assert.Contains("prompt_id", e.Message);
    }
}
