namespace RlaifV.Evaluation.Tests;

public sealed class ObjectHalBenchTests
{
    [Fact]
    public void Score_FixtureResponses_HandComputedChair()
    {
        var bench = ObjectHalBench.Load(Fixture.Path("objhal", "questions.jsonl"), Fixture.Path("objhal", "annotations"));
        Assert.Equal(["101", "202", "303"], bench.Items.Select(i => i.Id));
        // Truth: instances plus the objects the captions mention (101: person, dog + the caption's bench).
        Assert.Equal(["bench", "dog", "person"], bench.Truth("101").Order());
        Assert.Equal(["bed", "teddy bear"], bench.Truth("202").Order());
        Assert.Equal(["hot dog"], bench.Truth("303"));

        var m = bench.Score(new Dictionary<string, string>
        {
            // men → person, dogs → dog (true); cat, chair hallucinated: 4 mentions, 2 false; covers person, dog of 3.
            ["101"] = "Two men are walking dogs. A cat sits on a chair.",
            // "teddy bear" is one object, never a bear: 2 mentions, none false; covers 2 of 2.
            ["202"] = "A brown teddy bear lies on the bed.",
            // "hot dog" is food, the lone "dog" is hallucinated: 2 mentions, 1 false; covers 1 of 1.
            ["303"] = "A hot dog and a dog.",
        });

        Assert.Equal(new ChairMetrics(3, 2, 8, 3, 6, 5), m);
        Assert.Equal(2.0 / 3, m.ChairS, 12);
        Assert.Equal(3.0 / 8, m.ChairI, 12);
        Assert.Equal(5.0 / 6, m.Recall, 12);
    }

    [Theory]
    [InlineData("Three people and two children near some buses.", new[] { "person", "person", "bus" })]
    [InlineData("Teddy bears, hot dogs and a stop sign.", new[] { "teddy bear", "hot dog", "stop sign" })]
    [InlineData("A motor bike beside a TV and some knives.", new[] { "motorcycle", "tv", "knife" })]
    [InlineData("The sky is blue.", new string[0])]
    public void Mentions_SynonymsPluralsAndPhrases_MapToCocoCategories(string text, string[] expected) =>
        Assert.Equal(expected, ObjectMentionExtractor.Coco.Mentions(text));

    [Fact]
    public void Load_QuestionLineWithoutImage_FailsNamingFileLineAndField()
    {
        using var dir = new RlaifV.TestKit.TempDir();
        File.WriteAllText(dir.File("q.jsonl"), "{\"image_id\": 1, \"question\": \"Describe.\"}\n");
        var e = Assert.Throws<InvalidDataException>(() => ObjectHalBench.Load(dir.File("q.jsonl"), Fixture.Path("objhal", "annotations")));
        Assert.Contains("q.jsonl:1: 'image' is missing", e.Message, StringComparison.Ordinal);
    }
}
