namespace RlaifV.World;

/// <summary>
/// The true answer to a polar question about a scene, such as the rule-based rewriter makes from a claim
/// ("Is there a big red circle in the top left? Please answer yes or no."). Used to train the labeler and to
/// measure its agreement with ground truth; never part of the pipeline.
/// </summary>
public static class YesNoOracle
{
    /// <summary>True for "yes", false for "no", null when the question is not in the language or is ambiguous.</summary>
    public static bool? Answer(Scene scene, string question)
    {
        ArgumentNullException.ThrowIfNull(scene);
        if (WorldParser.ParseQuestion(question) is not { } statement) return null;
        return Checker.Judge(scene, statement).Truth switch
        {
            Truth.True => true,
            Truth.False => false,
            _ => null,
        };
    }

    /// <summary>"yes", "no", or null as <see cref="Answer"/> says.</summary>
    public static string? AnswerWord(Scene scene, string question) => Answer(scene, question) switch
    {
        true => "yes",
        false => "no",
        null => null,
    };
}
