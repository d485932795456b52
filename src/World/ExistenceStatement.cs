namespace RlaifV.World;

/// <summary>
/// "There is a big red circle in the top left.", "There are two squares.", "There are three objects.",
/// "There is no green star." — that objects fitting <see cref="Pattern"/> exist, how many, or that none do.
/// </summary>
/// <param name="Quantifier">Some ("a"), exactly <see cref="Count"/>, or none ("no").</param>
/// <param name="Count">The number, for <see cref="Quantifier.Exactly"/>; ignored otherwise.</param>
/// <param name="Pattern">Which objects.</param>
/// <param name="Plural">For <see cref="Quantifier.None"/> only: "There are no squares" rather than "There is no square".</param>
public sealed record ExistenceStatement(Quantifier Quantifier, int Count, ObjectPattern Pattern, bool Plural = false) : Statement
{
    /// <summary>"There is a …" (at least one).</summary>
    public static ExistenceStatement Some(ObjectPattern pattern) => new(Quantifier.Some, 1, pattern);

    /// <summary>"There are n …" (exactly n; n = 0 reads "There are no …").</summary>
    public static ExistenceStatement Exactly(int count, ObjectPattern pattern) =>
        count == 0 ? new(Quantifier.None, 0, pattern, Plural: true) : new(Quantifier.Exactly, count, pattern);

    /// <summary>"There is no …" or, with <paramref name="plural"/>, "There are no …".</summary>
    public static ExistenceStatement No(ObjectPattern pattern, bool plural = false) => new(Quantifier.None, 0, pattern, plural);

    /// <summary>The copula and quantified noun phrase: "is a big red circle in the top left", "are two squares".</summary>
    private (string Verb, string Phrase) Parts
    {
        get
        {
            switch (Quantifier)
            {
                case Quantifier.Some:
                    var noun = Pattern.Noun(plural: false);
                    return ("is", $"{Lexicon.Article(noun)} {noun}");
                case Quantifier.None:
                    return (Plural ? "are" : "is", $"no {Pattern.Noun(Plural)}");
                default:
                    return (Count == 1 ? "is" : "are", $"{Lexicon.Number(Count)} {Pattern.Noun(Count != 1)}");
            }
        }
    }

    /// <inheritdoc />
    public override string Text => $"There {Parts.Verb} {Parts.Phrase}.";

    /// <inheritdoc />
    public override string PolarQuestion => $"{(Parts.Verb == "is" ? "Is" : "Are")} there {Parts.Phrase}?";
}
