using RlaifV.Stages.Rules;

namespace RlaifV.World.Tests;

/// <summary>The pipeline's rule-based extractor and rewriter, the world's parser and the oracle agree.</summary>
public class PipelineAgreementTests
{
    private const string Suffix = " Please answer yes or no.";

    [Fact]
    public void CanonicalDescription_ExtractRewriteOracle_EveryClaimTrueAndAnsweredYes()
    {
        foreach (var (_, scene) in Fixtures.Scenes(300))
        {
            var statements = Describer.Describe(scene);
            var claims = RuleBasedClaimExtractor.Extract(Describer.Join(statements));
            Assert.Equal(statements.Select(s => s.Text), claims);
            Assert.Equal(claims, WorldParser.SplitClaims(Describer.Join(statements)));
            for (var i = 0; i < claims.Count; i++)
            {
                Assert.Equal(Truth.True, Checker.JudgeClaim(scene, claims[i]).Truth);
                var question = RuleBasedQuestionRewriter.Rewrite(claims[i]);
                Assert.Equal(statements[i].PolarQuestion, question);
                Assert.True(YesNoOracle.Answer(scene, question + Suffix), $"{scene}: {question}");
            }
        }
    }

    [Fact]
    public void TrueShortAnswers_ExtractRewriteOracle_TrueAndYes()
    {
        foreach (var (seed, scene) in Fixtures.Scenes(300))
        {
            var question = QuestionGenerator.Generate(scene, new WorldRandom(seed));
            var answer = Describer.AnswerText(scene, question);
            var claims = RuleBasedClaimExtractor.Extract(answer);
            Assert.Equal(WorldParser.SplitClaims(answer), claims);
            var claim = Assert.Single(claims);
            Assert.Equal(Truth.True, Checker.JudgeClaim(scene, claim).Truth);
            Assert.True(YesNoOracle.Answer(scene, RuleBasedQuestionRewriter.Rewrite(claim) + Suffix), $"{question.Text} → {answer}");
        }
    }

    [Fact]
    public void CorruptedDescriptions_ExtractRewriteOracle_AnswersMatchChecker()
    {
        foreach (var (seed, scene) in Fixtures.Scenes(300))
        {
            var response = HallucinationInjector.Corrupt(scene, BiasProfile.Default, seed).Text;
            var claims = RuleBasedClaimExtractor.Extract(response);
            Assert.Equal(WorldParser.SplitClaims(response), claims);
            foreach (var claim in claims)
            {
                var truth = Checker.JudgeClaim(scene, claim).Truth;
                Assert.NotEqual(Truth.Unjudgeable, truth);
                Assert.Equal(truth == Truth.True, YesNoOracle.Answer(scene, RuleBasedQuestionRewriter.Rewrite(claim) + Suffix));
            }
        }
    }

    [Theory]
    [InlineData("There is no green star.", "Is there no green star?")]
    [InlineData("There are no squares.", "Are there no squares?")]
    [InlineData("There is one star.", "Is there one star?")]
    [InlineData("The circle in the top left is red.", "Is the circle in the top left red?")]
    [InlineData("The red circle is in the top left.", "Is the red circle in the top left?")]
    [InlineData("There is an orange triangle in the bottom left.", "Is there an orange triangle in the bottom left?")]
    public void Rewriter_WorldSentence_SameAsStatementPolarQuestion(string claim, string expected)
    {
        Assert.Equal(expected, RuleBasedQuestionRewriter.Rewrite(claim));
        Assert.Equal(expected, WorldParser.ParseSentence(claim)!.PolarQuestion);
    }
}
