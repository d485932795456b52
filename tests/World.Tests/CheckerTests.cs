namespace RlaifV.World.Tests;

public class CheckerTests
{
    private static ClaimJudgement Judge(string claim) => Checker.JudgeClaim(Fixtures.Three, claim);

    [Fact]
    public void Check_CanonicalDescription_AllTrueAndEveryObjectCovered()
    {
        var text = Describer.DescriptionText(Fixtures.Three);
        Assert.Equal(
            "There are three objects. There is a big red circle in the top left. There is a small blue square in the center. "
            + "There is a big green star in the bottom right. The background is gray.", text);
        var j = Checker.Check(Fixtures.Three, text);
        Assert.Equal(5, j.Claims.Count);
        Assert.All(j.Claims, c => Assert.Equal(Truth.True, c.Truth));
        Assert.Equal(Fixtures.Three.Objects, j.CoveredObjects);
        Assert.False(j.Hallucinates);
        Assert.Equal(37, j.Words);
    }

    [Theory]
    [InlineData("There is a big red circle in the top left.", Truth.True, ClaimError.None)]
    [InlineData("There is a red circle.", Truth.True, ClaimError.None)]
    [InlineData("There is a star.", Truth.True, ClaimError.None)]
    [InlineData("There is one square.", Truth.True, ClaimError.None)]
    [InlineData("There are three objects.", Truth.True, ClaimError.None)]
    [InlineData("There are two big objects.", Truth.True, ClaimError.None)]
    [InlineData("There is a big green circle in the top left.", Truth.False, ClaimError.WrongColour)]
    [InlineData("There is a blue circle.", Truth.False, ClaimError.WrongColour)]
    [InlineData("There is a small red circle in the top left.", Truth.False, ClaimError.WrongSize)]
    [InlineData("There is a small yellow star in the top right.", Truth.False, ClaimError.ExtraObject)]
    [InlineData("There is a triangle.", Truth.False, ClaimError.ExtraObject)]
    [InlineData("There are four objects.", Truth.False, ClaimError.WrongCount)]
    [InlineData("There are two stars.", Truth.False, ClaimError.WrongCount)]
    [InlineData("There are two triangles.", Truth.False, ClaimError.ExtraObject)]
    [InlineData("There is a big red circle in the bottom left.", Truth.False, ClaimError.WrongPosition)]
    [InlineData("There is no green star.", Truth.False, ClaimError.FalseAbsence)]
    [InlineData("There is no yellow star.", Truth.True, ClaimError.None)]
    [InlineData("There are no triangles.", Truth.True, ClaimError.None)]
    [InlineData("There are no squares.", Truth.False, ClaimError.FalseAbsence)]
    [InlineData("There is no object in the top middle.", Truth.True, ClaimError.None)]
    [InlineData("The circle is red.", Truth.True, ClaimError.None)]
    [InlineData("The big circle is red.", Truth.True, ClaimError.None)]
    [InlineData("The circle is blue.", Truth.False, ClaimError.WrongColour)]
    [InlineData("The square is small.", Truth.True, ClaimError.None)]
    [InlineData("The square is big.", Truth.False, ClaimError.WrongSize)]
    [InlineData("The green star is in the bottom right.", Truth.True, ClaimError.None)]
    [InlineData("The star is in the center.", Truth.False, ClaimError.WrongPosition)]
    [InlineData("The star in the bottom right is green.", Truth.True, ClaimError.None)]
    [InlineData("The red square is in the center.", Truth.False, ClaimError.WrongColour)]
    [InlineData("The triangle is red.", Truth.False, ClaimError.ExtraObject)]
    [InlineData("The background is gray.", Truth.True, ClaimError.None)]
    [InlineData("The background is black.", Truth.False, ClaimError.WrongBackground)]
    [InlineData("I think the picture is lovely.", Truth.Unjudgeable, ClaimError.None)]
    [InlineData("There is a dog.", Truth.Unjudgeable, ClaimError.None)]
    public void JudgeClaim_HandWrittenClaim_Expected(string claim, Truth truth, ClaimError error)
    {
        var j = Judge(claim);
        Assert.Equal((truth, error), (j.Truth, j.Error));
    }

    [Fact]
    public void JudgeClaim_DefiniteWithMixedReferents_Unjudgeable()
    {
        Assert.Equal(Truth.Unjudgeable, Checker.JudgeClaim(Fixtures.TwoCircles, "The circle is red.").Truth);
        Assert.Equal(Truth.True, Checker.JudgeClaim(Fixtures.TwoCircles, "The circle in the top left is red.").Truth);
        Assert.Equal(Truth.True, Checker.JudgeClaim(Fixtures.TwoCircles, "There are two circles.").Truth);
        Assert.Equal(Truth.True, Checker.JudgeClaim(Fixtures.TwoCircles, "There is an orange triangle in the bottom left.").Truth);
    }

    [Fact]
    public void Check_ListSentenceAndQuestion_OneClaimPerThingQuestionsLeftOut()
    {
        var j = Checker.Check(Fixtures.Three, "There is a big red circle, a small blue square and a yellow triangle. Is there a dog?");
        Assert.Equal(["There is a big red circle.", "There is a small blue square.", "There is a yellow triangle."], j.Claims.Select(c => c.Claim));
        Assert.Equal([Truth.True, Truth.True, Truth.False], j.Claims.Select(c => c.Truth));
        Assert.Equal(ClaimError.ExtraObject, j.Claims[2].Error);
        Assert.Equal(2, j.CoveredObjects.Count);
    }

    [Fact]
    public void Check_MixedResponse_CountsFalseClaimsAndCoverage()
    {
        var j = Checker.Check(Fixtures.Three,
            "There are three objects. There is a big green circle in the top left. There is a small blue square in the center. "
            + "There is a small yellow star in the top right.");
        Assert.Equal([Truth.True, Truth.False, Truth.True, Truth.False], j.Claims.Select(c => c.Truth));
        Assert.Equal(2, j.FalseClaims);
        Assert.True(j.Hallucinates);
        Assert.Equal([Fixtures.Three.Objects[1]], j.CoveredObjects);
    }

    [Fact]
    public void Measure_HandMadeSet_HandComputedValues()
    {
        var items = new (Scene, string)[]
        {
            // 5 claims, all true, covers 3/3, 37 words.
            (Fixtures.Three, Describer.DescriptionText(Fixtures.Three)),
            // 2 claims: 1 true (covers the circle), 1 false; 15 words.
            (Fixtures.Three, "There is a red circle. There is a small yellow star in the top right."),
            // 1 unjudgeable claim only: no judged claims, 0 covered; 5 words.
            (Fixtures.TwoCircles, "I think it is nice."),
            // 2 claims: 2 false (wrong count, extra object); 0 covered of 3; 8 words.
            (Fixtures.TwoCircles, "There are four objects. There is a star."),
        };
        var m = Checker.Measure(items);
        Assert.Equal(4, m.Responses);
        Assert.Equal(3, m.ResponsesWithClaims);
        Assert.Equal(2, m.HallucinatedResponses);
        Assert.Equal(9, m.Claims);
        Assert.Equal(3, m.FalseClaims);
        Assert.Equal(1, m.UnjudgeableClaims);
        Assert.Equal(12, m.ObjectsPresent);
        Assert.Equal(4, m.ObjectsCovered);
        Assert.Equal(37 + 15 + 5 + 8, m.TotalWords);
        Assert.Equal(2.0 / 3, m.ResponseHallucination, 12);
        Assert.Equal(3.0 / 9, m.ClaimHallucination, 12);
        Assert.Equal(4.0 / 12, m.Coverage, 12);
        Assert.Equal(65.0 / 4, m.MeanWords, 12);
        Assert.Equal(1.0 / 10, m.Unjudgeable, 12); // 1 unjudgeable of 9 judged + 1
        Assert.Equal(2, m.Errors[ClaimError.ExtraObject]);
        Assert.Equal(1, m.Errors[ClaimError.WrongCount]);
    }

    [Fact]
    public void Measure_Empty_Zeros()
    {
        var m = Checker.Measure([]);
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0), (m.ResponseHallucination, m.ClaimHallucination, m.Coverage, m.MeanWords, m.Unjudgeable));
    }

    [Theory]
    [InlineData("Is there a big red circle in the top left? Please answer yes or no.", true)]
    [InlineData("Is there a big green circle in the top left? Please answer yes or no.", false)]
    [InlineData("Is there no green star? Please answer yes or no.", false)]
    [InlineData("Is there no yellow star? Please answer yes or no.", true)]
    [InlineData("Are there three objects? Please answer yes or no.", true)]
    [InlineData("Are there no triangles?", true)]
    [InlineData("Is the big circle red?", true)]
    [InlineData("Is the circle in the top left blue?", false)]
    [InlineData("Is the red circle in the top left?", true)]
    [InlineData("Is the star in the center?", false)]
    [InlineData("Is the background gray? Please answer yes or no.", true)]
    [InlineData("Is it true that there is a small blue square in the center?", true)]
    public void YesNoOracle_PolarQuestion_TrueAnswer(string question, bool expected)
    {
        Assert.Equal(expected, YesNoOracle.Answer(Fixtures.Three, question));
    }

    [Fact]
    public void YesNoOracle_OutsideLanguage_Null()
    {
        Assert.Null(YesNoOracle.Answer(Fixtures.Three, "Is the image beautiful? Please answer yes or no."));
        Assert.Null(YesNoOracle.AnswerWord(Fixtures.TwoCircles, "Is the circle red?"));
        Assert.Equal("yes", YesNoOracle.AnswerWord(Fixtures.TwoCircles, "Is the blue circle big?"));
    }
}
