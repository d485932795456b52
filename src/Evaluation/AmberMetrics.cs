namespace RlaifV.Evaluation;

/// <summary>AMBER's figures, every share a fraction 0–1; NaN for a part with no items.</summary>
/// <param name="Generative">Generative items scored.</param>
/// <param name="Mentions">Vocabulary nouns in the generative responses (repeats included).</param>
/// <param name="HallucinatedMentions">Of those, nouns naming neither a true object nor one of its associated words (nor a safe word).</param>
/// <param name="HallucinatedResponses">Generative responses with at least one hallucinated noun.</param>
/// <param name="TruthObjects">Annotated true objects, summed over items.</param>
/// <param name="CoveredObjects">Of those, the ones the response names (or names by an associated word).</param>
/// <param name="HalluObjects">Annotated hallucination-prone objects (<c>hallu</c>), summed over items.</param>
/// <param name="CognitiveObjects">Of those, the ones a hallucinated noun names.</param>
/// <param name="Discriminative">Yes/no items scored.</param>
/// <param name="Correct">Yes/no answers that match the truth.</param>
/// <param name="TruthNo">Items whose truth is "no" (the positive class).</param>
/// <param name="AnsweredNo">Answers "no".</param>
/// <param name="CorrectNo">Answers "no" whose truth is "no".</param>
/// <param name="Unanswered">Yes/no responses that start with neither yes nor no (counted wrong).</param>
public sealed record AmberMetrics(
    int Generative, int Mentions, int HallucinatedMentions, int HallucinatedResponses, int TruthObjects, int CoveredObjects, int HalluObjects, int CognitiveObjects,
    int Discriminative, int Correct, int TruthNo, int AnsweredNo, int CorrectNo, int Unanswered)
{
    /// <summary>CHAIR: hallucinated nouns ÷ nouns.</summary>
    public double Chair => Ratio(HallucinatedMentions, Mentions, Generative);

    /// <summary>Cover: true objects named ÷ true objects.</summary>
    public double Cover => Ratio(CoveredObjects, TruthObjects, Generative);

    /// <summary>Hal: responses with a hallucinated noun ÷ responses.</summary>
    public double Hal => Ratio(HallucinatedResponses, Generative, Generative);

    /// <summary>Cog: hallucination-prone objects named ÷ hallucination-prone objects.</summary>
    public double Cog => Ratio(CognitiveObjects, HalluObjects, Generative);

    /// <summary>Discriminative accuracy.</summary>
    public double Accuracy => Ratio(Correct, Discriminative, Discriminative);

    /// <summary>Precision with "no" as the positive class.</summary>
    public double Precision => Ratio(CorrectNo, AnsweredNo, Discriminative);

    /// <summary>Recall with "no" as the positive class.</summary>
    public double Recall => Ratio(CorrectNo, TruthNo, Discriminative);

    /// <summary>F1 of <see cref="Precision"/> and <see cref="Recall"/> (0 when both are 0).</summary>
    public double F1 => Discriminative == 0 ? double.NaN : Precision + Recall == 0 || double.IsNaN(Precision + Recall) ? 0 : 2 * Precision * Recall / (Precision + Recall);

    private static double Ratio(int a, int b, int items) => items == 0 ? double.NaN : b == 0 ? 0 : (double)a / b;
}
