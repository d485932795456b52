namespace RlaifV.World.Tests;

public class LanguageTests
{
    [Fact]
    public void Vocabulary_Size_BetweenThirtyAndSixtyWords()
    {
        Assert.InRange(Lexicon.Words.Count, 30, 60);
        Assert.Equal(Lexicon.Words.Count, Lexicon.Words.Distinct().Count());
    }

    [Fact]
    public void Everything_TheWorldSays_UsesOnlyItsTokens()
    {
        var texts = new List<string> { WorldQuestion.DescribeInstruction, "Please answer yes or no." };
        foreach (var (seed, scene) in Fixtures.Scenes(300))
        {
            var question = QuestionGenerator.Generate(scene, new WorldRandom(seed));
            texts.Add(question.Text);
            texts.AddRange(Describer.Answer(scene, question).Select(s => s.Text));
            var corrupted = HallucinationInjector.Corrupt(scene, BiasProfile.Default, seed);
            texts.AddRange(corrupted.Statements.SelectMany(s => new[] { s.Text, s.PolarQuestion }));
        }
        var outside = texts.SelectMany(Lexicon.Tokenize).Where(t => !Lexicon.IsToken(t)).Distinct().ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public void Tokenize_Sentence_WordsAndPunctuation()
    {
        Assert.Equal(["is", "there", "an", "orange", "star", "?", "please", "answer", "yes", "or", "no", "."],
            Lexicon.Tokenize("Is there an orange star? Please answer yes or no."));
    }

    [Fact]
    public void Parse_EveryStatementText_RoundTrips()
    {
        foreach (var (seed, scene) in Fixtures.Scenes(200))
        {
            foreach (var s in HallucinationInjector.Corrupt(scene, BiasProfile.Default, seed).Statements)
            {
                Assert.Equal(s, WorldParser.ParseSentence(s.Text));
                Assert.Equal(s, WorldParser.ParseQuestion(s.PolarQuestion));
            }
            var q = QuestionGenerator.Generate(scene, new WorldRandom(seed));
            var answer = Describer.Answer(scene, q)[0];
            Assert.Equal(answer, WorldParser.ParseSentence(answer.Text));
            Assert.Equal(answer, WorldParser.ParseQuestion(answer.PolarQuestion));
        }
    }

    [Fact]
    public void Questions_AllKinds_WellFormedAnswers()
    {
        var q = new WorldQuestion(QuestionKind.Colour, new ObjectPattern(Shape: Shape.Circle));
        Assert.Equal("What color is the circle?", q.Text);
        Assert.Equal("The circle is red.", Describer.AnswerText(Fixtures.Three, q));
        Assert.Equal("There is one square.", Describer.AnswerText(Fixtures.Three, new WorldQuestion(QuestionKind.Count, new ObjectPattern(Shape: Shape.Square))));
        Assert.Equal("There are no triangles.", Describer.AnswerText(Fixtures.Three, new WorldQuestion(QuestionKind.Count, new ObjectPattern(Shape: Shape.Triangle))));
        Assert.Equal("How many triangles are there?", new WorldQuestion(QuestionKind.Count, new ObjectPattern(Shape: Shape.Triangle)).Text);
        var exists = new WorldQuestion(QuestionKind.Exists, new ObjectPattern(Colour: Colour.Orange, Shape: Shape.Star));
        Assert.Equal("Is there an orange star?", exists.Text);
        Assert.Equal("There is no orange star.", Describer.AnswerText(Fixtures.Three, exists));
        var where = new WorldQuestion(QuestionKind.Where, new ObjectPattern(Colour: Colour.Green, Shape: Shape.Star));
        Assert.Equal("Where is the green star?", where.Text);
        Assert.Equal("The green star is in the bottom right.", Describer.AnswerText(Fixtures.Three, where));
        Assert.Throws<ArgumentException>(() => Describer.Answer(Fixtures.TwoCircles, q));
    }

    [Fact]
    public void QuestionGenerator_ManyScenes_AllKindsWithUniqueTargets()
    {
        var kinds = new HashSet<QuestionKind>();
        foreach (var (seed, scene) in Fixtures.Scenes(400))
        {
            var q = QuestionGenerator.Generate(scene, new WorldRandom(seed));
            kinds.Add(q.Kind);
            if (q.Kind is QuestionKind.Colour or QuestionKind.Where) Assert.Single(scene.Matching(q.Target));
        }
        Assert.Equal(4, kinds.Count);
    }
}
