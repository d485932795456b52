namespace RlaifV.Evaluation.Tests;

public sealed class AmberTests
{
    [Fact]
    public void Score_FixtureResponses_HandComputedGenerativeAndDiscriminative()
    {
        var amber = Amber.Load(Fixture.Path("amber"));
        Assert.Equal(7, amber.Items.Count);
        Assert.Equal("Is there a dog in this image?", amber.Items[3].Instruction);

        var m = amber.Score(new Dictionary<string, string>
        {
            // puppy → dog, lawn → grass (covered); sky is a safe word; kitten is hallucinated (and names the hallu object cat).
            ["1"] = "A puppy runs on the lawn under the sky. A kitten watches.",
            // man, car covered; bus hallucinated (a hallu object).
            ["2"] = "A man drives a car past a bus.",
            // cat covered; sky is safe, so it neither covers nor hallucinates.
            ["3"] = "A cat under the sky.",
            ["4"] = "Yes, there is.", // truth yes: correct
            ["5"] = "No.",            // truth no: correct, answered no
            ["6"] = "yes",            // truth no: wrong
            ["7"] = "I am not sure.", // truth yes: unanswered, wrong
        });

        Assert.Equal(new AmberMetrics(3, 9, 2, 2, 7, 5, 5, 2, 4, 2, 2, 1, 1, 1), m);
        Assert.Equal(2.0 / 9, m.Chair, 12);
        Assert.Equal(5.0 / 7, m.Cover, 12);
        Assert.Equal(2.0 / 3, m.Hal, 12);
        Assert.Equal(2.0 / 5, m.Cog, 12);
        Assert.Equal(0.5, m.Accuracy, 12);
        Assert.Equal(1.0, m.Precision, 12); // "no" is the positive class: 1 of 1 "no" answers right
        Assert.Equal(0.5, m.Recall, 12);    // 1 of 2 "no" truths found
        Assert.Equal(2.0 / 3, m.F1, 12);
    }

    [Fact]
    public void Score_UnknownId_FailsNamingIt()
    {
        var amber = Amber.Load(Fixture.Path("amber"));
        var e = Assert.Throws<InvalidDataException>(() => amber.Score(new Dictionary<string, string> { ["99"] = "No" }));
        Assert.Contains("99", e.Message, StringComparison.Ordinal);
    }
}
