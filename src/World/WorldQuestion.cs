using RlaifV.Schemas;

namespace RlaifV.World;

/// <summary>An instruction of the world: the description request or a short question about <see cref="Target"/>.</summary>
/// <param name="Kind">Which instruction.</param>
/// <param name="Target">The objects the question is about (an empty pattern for <see cref="QuestionKind.Describe"/>).</param>
public sealed record WorldQuestion(QuestionKind Kind, ObjectPattern Target)
{
    /// <summary>The detailed-description instruction of method.md.</summary>
    public const string DescribeInstruction = "Describe this image in detail.";

    /// <summary>The description request.</summary>
    public static WorldQuestion Describe { get; } = new(QuestionKind.Describe, new ObjectPattern());

    /// <summary>The instruction text.</summary>
    public string Text => Kind switch
    {
        QuestionKind.Colour => $"What color is the {Target.Noun(plural: false)}?",
        QuestionKind.Count => $"How many {Target.Noun(plural: true)} are there?",
        QuestionKind.Exists => $"Is there {Lexicon.Article(Target.Noun(plural: false))} {Target.Noun(plural: false)}?",
        QuestionKind.Where => $"Where is the {Target.Noun(plural: false)}?",
        _ => DescribeInstruction,
    };

    /// <summary>The method's instruction kind: description, or short answer for every question.</summary>
    public PromptKind PromptKind => Kind == QuestionKind.Describe ? PromptKind.Description : PromptKind.ShortAnswer;

    /// <inheritdoc />
    public override string ToString() => Text;
}
