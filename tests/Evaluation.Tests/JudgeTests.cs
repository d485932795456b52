namespace RlaifV.Evaluation.Tests;

public sealed class JudgeTests
{
    [Fact]
    public async Task MmHal_ScriptedJudgeOverFixture_HandComputedRatingAndHallucinationRate()
    {
        var bench = MmHal.Load(Fixture.Path("mmhal", "response_template.json"));
        Assert.Equal(["0", "1", "2"], bench.Items.Select(i => i.Id));
        var judge = new ScriptedJudge(p =>
            p.Contains("The cat is black.", StringComparison.Ordinal) ? "Correct and detailed. Rating: 5"
            : p.Contains("Two people.", StringComparison.Ordinal) ? "It invents a third person. rating: 1"
            : "I cannot decide.");

        var m = await bench.JudgeAsync(new Dictionary<string, string> { ["0"] = "A black cat.", ["1"] = "Three people.", ["2"] = "It drives." }, judge, new JudgeOptions(), CancellationToken.None);

        Assert.Equal(3, m.Items);
        Assert.Equal(new Dictionary<string, int> { ["0"] = 5, ["1"] = 1 }, m.Ratings);
        Assert.Equal(["2"], m.Unrated);
        Assert.Equal(3.0, m.MeanRating, 12);       // (5 + 1) / 2
        Assert.Equal(0.5, m.HallucinationRate, 12); // 1 of 2 rated below 3
        // The rubric template was filled: image content, question, reference and the answer.
        Assert.Contains("cat, sofa", judge.Prompts[0], StringComparison.Ordinal);
        Assert.Contains("The assistant's answer: A black cat.", judge.Prompts[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rating: 4", 4)]
    [InlineData("rating = 2. Actually, Rating: **6**", 6)]
    [InlineData("Rating: 7", null)]
    [InlineData("Rating: 3.5", null)]
    [InlineData("no verdict", null)]
    public void MmHal_Rating_LastValidRatingOrNull(string verdict, int? expected) => Assert.Equal(expected, MmHal.Rating(verdict));

    [Fact]
    public async Task Refomb_ScriptedJudgeOverFixture_WinRatesWithWilsonIntervals()
    {
        var bench = Refomb.Load(Fixture.Path("refomb", "items.jsonl"));
        // The judge prefers the answer marked GOOD for trustworthiness (tie when both are); helpfulness is a tie on q4.
        var judge = new ScriptedJudge(p =>
        {
            string a = Between(p, "Answer A: ", "\nAnswer B: ");
            string b = Between(p, "Answer B: ", "\nTrustworthiness");
            bool goodA = a.Contains("GOOD", StringComparison.Ordinal), goodB = b.Contains("GOOD", StringComparison.Ordinal);
            string trust = goodA == goodB ? "tie" : goodA ? "A" : "B";
            string help = p.Contains("Reference description 4.", StringComparison.Ordinal) ? "tie" : trust;
            return $"Reasons.\nTrustworthiness: {trust}\nHelpfulness: {help}";
        });
        var policyA = new Dictionary<string, string> { ["q1"] = "GOOD a1", ["q2"] = "bad a2", ["q3"] = "GOOD a3", ["q4"] = "GOOD a4" };
        var policyB = new Dictionary<string, string> { ["q1"] = "bad b1", ["q2"] = "GOOD b2", ["q3"] = "GOOD b3", ["q4"] = "bad b4" };
        var options = new JudgeOptions();

        var m = await bench.JudgeAsync(policyA, policyB, judge, options, CancellationToken.None);

        // The order shown was swapped on some items (and mapped back), so the figures do not depend on position.
        Assert.Contains(bench.Items, i => Refomb.Swapped(i.Id, options.Seed));
        Assert.Contains(bench.Items, i => !Refomb.Swapped(i.Id, options.Seed));
        Assert.Equal(new WinRate(2, 1, 1), m.Trustworthiness);
        Assert.Equal(new WinRate(1, 2, 1), m.Helpfulness);
        Assert.Equal(0.625, m.Trustworthiness.Rate, 12); // (2 + 1/2) / 4
        Assert.Equal(0.5, m.Helpfulness.Rate, 12);       // (1 + 2/2) / 4
        // Wilson 95 % at p = 0.625, n = 4: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.96.
        Assert.Equal(0.21942, m.Trustworthiness.Low, 4);
        Assert.Equal(0.90810, m.Trustworthiness.High, 4);
        Assert.Equal(0.15004, m.Helpfulness.Low, 4);
        Assert.Equal(0.84996, m.Helpfulness.High, 4);
        Assert.Empty(m.Unparsed);
    }

    [Fact]
    public void Refomb_Score_SwappedItemsMapBackAndUnparsedAreListed()
    {
        var ids = Enumerable.Range(0, 20).Select(i => $"x{i}").ToList();
        var verdicts = ids.ToDictionary(id => id, _ => "Trustworthiness: A\nHelpfulness: B");
        verdicts["x0"] = "no verdict";
        var m = Refomb.Score(verdicts, seed: 7);
        int shownFirstIsA = ids.Skip(1).Count(id => !Refomb.Swapped(id, 7));
        Assert.Equal(new WinRate(shownFirstIsA, 0, 19 - shownFirstIsA), m.Trustworthiness);
        Assert.Equal(new WinRate(19 - shownFirstIsA, 0, shownFirstIsA), m.Helpfulness);
        Assert.Equal(["x0"], m.Unparsed);
    }

    private static string Between(string text, string start, string end)
    {
        int i = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[i..text.IndexOf(end, i, StringComparison.Ordinal)];
    }
}
