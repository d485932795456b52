namespace RlaifV.World;

/// <summary>
/// Ground truth in the world's language. The canonical description of a scene is: the object count
/// ("There are three objects."), then one sentence per object in reading order ("There is a big red circle
/// in the top left."), then the background when it is not plain white ("The background is gray.").
/// Short answers are single declarative sentences ("The big circle is red.", "There are two squares.",
/// "There is no red star.", "The blue triangle is in the center."), never "yes"/"no", so that every
/// answer is a claim the extractor and the rewriter handle.
/// </summary>
public static class Describer
{
    /// <summary>The canonical description, as statements.</summary>
    public static IReadOnlyList<Statement> Describe(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var statements = new List<Statement> { ExistenceStatement.Exactly(scene.Objects.Count, new ObjectPattern()) };
        statements.AddRange(scene.Objects.Select(o => ExistenceStatement.Some(ObjectPattern.Of(o))));
        if (scene.Background != Background.White) statements.Add(new BackgroundStatement(scene.Background));
        return statements;
    }

    /// <summary>The canonical description as text, sentences separated by single spaces.</summary>
    public static string DescriptionText(Scene scene) => Join(Describe(scene));

    /// <summary>Sentences joined by single spaces.</summary>
    public static string Join(IEnumerable<Statement> statements) => string.Join(' ', statements.Select(s => s.Text));

    /// <summary>The true answer: the description for <see cref="QuestionKind.Describe"/>, otherwise one statement.</summary>
    /// <exception cref="ArgumentException">A colour or where question whose target is not exactly one object.</exception>
    public static IReadOnlyList<Statement> Answer(Scene scene, WorldQuestion question)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(question);
        var matches = scene.Matching(question.Target);
        return question.Kind switch
        {
            QuestionKind.Colour => [new PropertyStatement(question.Target, Colour: Single(matches, question).Colour)],
            QuestionKind.Where => [new PropertyStatement(question.Target, Cell: Single(matches, question).Cell)],
            QuestionKind.Count => [ExistenceStatement.Exactly(matches.Count, question.Target)],
            QuestionKind.Exists => [matches.Count > 0 ? ExistenceStatement.Some(question.Target) : ExistenceStatement.No(question.Target)],
            _ => Describe(scene),
        };
    }

    /// <summary>The true answer as text.</summary>
    public static string AnswerText(Scene scene, WorldQuestion question) => Join(Answer(scene, question));

    private static SceneObject Single(IReadOnlyList<SceneObject> matches, WorldQuestion question) =>
        matches.Count == 1 ? matches[0] : throw new ArgumentException($"'{question.Text}' names {matches.Count} objects, not one", nameof(question));
}
