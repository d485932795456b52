using RlaifV.Schemas;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.TestKit;
using System.Threading.Tasks.Dataflow;

namespace RlaifV.Stages.Tests;

public class RulesTests
{
    private static Verdict V(bool accepted, int i = 0) => new() { ClaimIndex = i, Claim = "c", Question = "q", PYes = accepted ? 0.9 : 0.1, PNo = accepted ? 0.1 : 0.9, Accepted = accepted };

    private static ScoredCandidate S(int index, int? score, string? text = null) => new()
    {
        Candidate = new Candidate { PromptId = "p", Round = 0, Index = index, Seed = index, Text = text ?? $"answer {index}", TokenCount = 2, PolicyId = "pol" },
        Verdicts = score is null ? [] : Enumerable.Range(0, -score.Value).Select(i => V(false, i)).Append(V(true)).ToList(),
        Score = score,
        LabelerId = "lab",
    };

    [Fact]
    public void Seeds_SameCoordinates_SameSeed_DifferentIndex_DifferentSeed()
    {
        Assert.Equal(Seeds.ForCandidate(7, 2, "p1", 3), Seeds.ForCandidate(7, 2, "p1", 3));
        var all = new[] { Seeds.ForCandidate(7, 2, "p1", 3), Seeds.ForCandidate(7, 2, "p1", 4), Seeds.ForCandidate(7, 3, "p1", 3), Seeds.ForCandidate(8, 2, "p1", 3), Seeds.ForCandidate(7, 2, "p2", 3) };
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(all, s => Assert.True(s >= 0));
    }

    [Fact]
    public void Accepts_StrictComparison_TieIsRejected()
    {
        Assert.True(Scoring.Accepts(0.51, 0.49));
        Assert.False(Scoring.Accepts(0.5, 0.5));
        Assert.False(Scoring.Accepts(0.2, 0.3));
    }

    [Fact]
    public void Score_CountsRejectedClaims_NoLengthNormalisation()
    {
        Assert.Equal(0, Scoring.Score([V(true), V(true), V(true)]));
        Assert.Equal(-2, Scoring.Score([V(false), V(true), V(false)]));
        Assert.Null(Scoring.Score([]));
    }

    [Fact]
    public void Score_PYesRule_IsNormalisedYesProbabilityInWholePoints_AndTheDefaultRuleIsTheMethods()
    {
        Verdict P(double yes, double no) => new() { ClaimIndex = 0, Claim = "c", Question = "q", PYes = yes, PNo = no, Accepted = yes > no };
        Assert.Equal(75, Scoring.Score([P(0.6, 0.2)], ScoreRule.PYes));            // 0.6 / 0.8
        Assert.Equal(50, Scoring.Score([P(0.9, 0.1), P(0.1, 0.9)], ScoreRule.PYes)); // mean of 90 and 10
        Assert.Equal(50, Scoring.Score([P(0, 0)], ScoreRule.PYes));                  // no mass: undecided
        Assert.Null(Scoring.Score([], ScoreRule.PYes));
        Assert.Equal(-1, Scoring.Score([P(0.6, 0.2), P(0.1, 0.3)], ScoreRule.RejectedClaims));
    }

    [Fact]
    public async Task WholeResponseFeedback_OneClaimPerResponse_QuestionAsksAboutTheWholeResponse()
    {
        var whole = new WholeResponseFeedback();
        var claims = await whole.ExtractAsync([new ClaimRequest("Describe.", " There is a red circle. There is a blue star. ", 1), new ClaimRequest("Describe.", "  ", 2)], CancellationToken.None);
        Assert.Equal(["There is a red circle. There is a blue star."], claims[0]);
        Assert.Empty(claims[1]);
        var questions = await whole.RewriteAsync([new RewriteRequest(claims[0], 1)], CancellationToken.None);
        Assert.Equal(["Is the following description of the image accurate? There is a red circle. There is a blue star."], questions[0]);
    }

    [Fact]
    public void Eligible_HandComputed_TiesNeverPair_HigherScoreChosen()
    {
        // scores: c0=0, c1=-1, c2=0, c3=-2, c4=unscored
        var pairs = Pairing.Eligible([S(0, 0), S(1, -1), S(2, 0), S(3, -2), S(4, null)]);
        var ids = pairs.Select(p => $"{p.Chosen.Candidate.Index}>{p.Rejected.Candidate.Index}").ToList();
        Assert.Equal(["0>1", "0>3", "1>3", "2>1", "2>3"], ids);
    }

    [Fact]
    public void Eligible_MinDeltaTwo_KeepsOnlyLargeGaps()
    {
        var pairs = Pairing.Eligible([S(0, 0), S(1, -1), S(2, -2)], minDelta: 2);
        Assert.Equal("0>2", Assert.Single(pairs.Select(p => $"{p.Chosen.Candidate.Index}>{p.Rejected.Candidate.Index}")));
    }

    [Fact]
    public void Eligible_IdenticalTextsAfterTrim_NeverPair()
    {
        var pairs = Pairing.Eligible([S(0, 0, "A cat. "), S(1, -1, " A cat."), S(2, -1, "A dog.")]);
        Assert.Equal("0>2", Assert.Single(pairs.Select(p => $"{p.Chosen.Candidate.Index}>{p.Rejected.Candidate.Index}")));
    }

    [Fact]
    public void Sample_FewerThanCount_ReturnsAll_ElseSeededSubsetInOrder()
    {
        var items = Enumerable.Range(0, 10).ToList();
        Assert.Equal(items.Take(2), Pairing.Sample(items.Take(2).ToList(), 2, 1));
        var a = Pairing.Sample(items, 2, 42);
        Assert.Equal(a, Pairing.Sample(items, 2, 42));
        Assert.Equal(2, a.Count);
        Assert.Equal(a.Order(), a);
        var draws = Enumerable.Range(0, 50).Select(s => string.Join(",", Pairing.Sample(items, 2, s))).Distinct().Count();
        Assert.True(draws > 10, "different seeds should draw different subsets");
    }

    [Fact]
    public void LengthBalance_HandComputed_PicksCutMinimisingImbalance()
    {
        // (chosen, rejected) words; relative gap (r-c)/r = 0, 0.5, 0.1, -0.25
        var pairs = new List<(int, int)> { (10, 10), (5, 10), (9, 10), (10, 8) };
        var result = LengthBalance.Apply(pairs);
        // r=0: keep {0,3} → chosen 20, rejected 18 → 0.111
        // r=0.1: keep {0,2,3} → 29 vs 28 → 0.0357 (best)
        // r≥0.5: keep all → 34 vs 38 → 0.105
        Assert.Equal(0.1, result.Cut, 9);
        Assert.Equal([0, 2, 3], result.Kept);
        Assert.Equal(1.0 / 28, result.Imbalance, 9);
    }

    [Fact]
    public void LengthBalance_Empty_KeepsNothing() => Assert.Empty(LengthBalance.Apply([]).Kept);

    [Fact]
    public void ClaimListParser_DropsHeadersAndEmptyLines_StripsBullets()
    {
        const string output = "Here are the atomic facts:\n\n- There is a red car.\n* The car is parked.\n2. There is no driver.\n# Notes\nFacts:\n• The sky is blue.\n- There is a red car.\n";
        Assert.Equal(["There is a red car.", "The car is parked.", "There is no driver.", "The sky is blue."], ClaimListParser.Parse(output));
    }

    [Fact]
    public void RuleBasedExtractor_SplitsEnumerationsAndSentences_DropsOpinions()
    {
        var claims = RuleBasedClaimExtractor.Extract("There is a red circle, a blue square and two green stars. The circle is on the left. I think it is pretty. Is it round? There is no dog.");
        Assert.Equal(["There is a red circle.", "There is a blue square.", "There are two green stars.", "The circle is on the left.", "There is no dog."], claims);
    }

    [Theory]
    [InlineData("There is no dog.", "Is there no dog?")]
    [InlineData("There are two cats.", "Are there two cats?")]
    [InlineData("The circle is red.", "Is the circle red?")]
    [InlineData("The cats are not asleep.", "Are the cats not asleep?")]
    [InlineData("A man rides a horse.", "Is it true that a man rides a horse?")]
    public void RuleBasedRewriter_KeepsMeaningAndNegation(string claim, string question) =>
        Assert.Equal(question, RuleBasedQuestionRewriter.Rewrite(claim));

    [Theory]
    [InlineData("Question: Is there a dog?", "Is there a dog?")]
    [InlineData("Is the car red", "Is the car red?")]
    [InlineData("\"Are there no people?\"", "Are there no people?")]
    [InlineData("Is the car red.", "Is the car red?")]
    public void LlmRewriterAsQuestion_CaptionQuotesAndMark(string item, string expected) =>
        Assert.Equal(expected, LlmQuestionRewriter.AsQuestion(item));

    [Theory]
    [InlineData("### Question\nIs there a dog?", "Is there a dog?")]
    [InlineData("Here is the question:\nIs the car red?", "Is the car red?")]
    [InlineData("Sure! Here is the rewritten question: Is the cat black?", "Is the cat black?")]
    [InlineData("Sure!\n\n**Question:** Are there two cups?", "Are there two cups?")]
    [InlineData("Okay, here's the yes/no question:\n- Is there no bird?", "Is there no bird?")]
    public void LlmRewriterZip_OneClaim_SkipsHeadersAndLeadIns_TakesTheQuestion(string output, string expected) =>
        Assert.Equal([expected], LlmQuestionRewriter.Zip(output, ["claim"], "m"));

    [Fact]
    public async Task RewriteStage_LlmRewriter_SeedsEachResponseFromItsIdentityNotItsBatchPosition()
    {
        var llm = new SeedRecorder();
        var rewriter = new LlmQuestionRewriter(llm, "Q:\n{claims}", new GenerationSettings());
        var run = new RunContext { Round = 2, GlobalSeed = 5 };
        var options = new QuestionsOptions { Batch = new BatchingOptions { Size = 8, FlushMs = 10 } };
        async Task<Dictionary<string, long>> SeedsOf(params string[] texts)
        {
            llm.Seen.Clear();
            var metrics = new PipelineMetrics();
            var stage = new RewriteStage(options, run, rewriter, new DeadLetters(new MemoryDeadLetterSink(), metrics), metrics, CancellationToken.None);
            for (var i = 0; i < texts.Length; i++)
            {
                await stage.Input.SendAsync(new CandidateItem
                {
                    Source = new PromptItem(Items.Prompt("p"), new PromptTicket("t", 0)),
                    Expected = 3,
                    Candidate = new Candidate { PromptId = "p", Round = 2, Index = texts[i] == "target" ? 2 : i, Seed = 0, Text = texts[i], TokenCount = 1, PolicyId = "x" },
                    Claims = [$"{texts[i]} one.", $"{texts[i]} two."],
                });
            }
            stage.Input.Complete();
            while (await stage.Output.OutputAvailableAsync()) await stage.Output.ReceiveAsync();
            return llm.Seen.ToDictionary(r => r.Prompt, r => r.Seed);
        }

        var alone = await SeedsOf("target");
        var behind = await SeedsOf("other", "more", "target");
        const string target = "Q:\n- target one.\n- target two.";
        Assert.Equal(alone[target], behind[target]);
        Assert.Equal(3, behind.Values.Distinct().Count());
    }

    private sealed class SeedRecorder : ITextGenerator
    {
        public List<TextGenerationRequest> Seen { get; } = [];

        public string ModelId => "recorder";

        public Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            Seen.AddRange(batch);
            IReadOnlyList<string> outputs = batch.Select(r => string.Join('\n', r.Prompt.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(_ => "- Is it?"))).ToList();
            return Task.FromResult(outputs);
        }
    }

    [Fact]
    public void Words_CountAndTruncate()
    {
        Assert.Equal(4, Words.Count("  a b\tc\nd "));
        Assert.Equal("a b", Words.Truncate("a b c d", 2));
        Assert.Equal("a\n\nb  c", Words.TruncateKeepingLayout("a\n\nb  c\n- d e", 3));
        Assert.Equal(" a b ", Words.TruncateKeepingLayout(" a b ", 2));
    }
}
