namespace RlaifV.World;

/// <summary>
/// "The big circle is red.", "The red circle is in the top left.", "The star in the center is small." —
/// that the object(s) <see cref="Subject"/> names have one property. Exactly one of
/// <see cref="Colour"/>, <see cref="Size"/> and <see cref="Cell"/> is set.
/// </summary>
/// <param name="Subject">The definite noun phrase's pattern ("the big circle").</param>
/// <param name="Colour">The colour predicated, if that is the property.</param>
/// <param name="Size">The size predicated, if that is the property.</param>
/// <param name="Cell">The position predicated, if that is the property.</param>
public sealed record PropertyStatement(ObjectPattern Subject, Colour? Colour = null, Size? Size = null, Cell? Cell = null) : Statement
{
    /// <summary>The subject with the predicate folded in: which object(s) the sentence claims exist.</summary>
    public ObjectPattern Combined => Subject with
    {
        Colour = Colour ?? Subject.Colour,
        Size = Size ?? Subject.Size,
        Cell = Cell ?? Subject.Cell,
    };

    private string Predicate =>
        Colour is { } c ? Lexicon.Word(c) : Size is { } s ? Lexicon.Word(s) : Cell is { } cell ? $"in the {cell.Name}" : string.Empty;

    /// <inheritdoc />
    public override string Text => $"The {Subject.Noun(plural: false)} is {Predicate}.";

    /// <inheritdoc />
    public override string PolarQuestion => $"Is the {Subject.Noun(plural: false)} {Predicate}?";
}
