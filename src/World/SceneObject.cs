namespace RlaifV.World;

/// <summary>One object of a scene.</summary>
/// <param name="Shape">Its shape.</param>
/// <param name="Colour">Its colour.</param>
/// <param name="Size">Its size.</param>
/// <param name="Cell">The grid cell it occupies (unique within a scene).</param>
public sealed record SceneObject(Shape Shape, Colour Colour, Size Size, Cell Cell)
{
    /// <summary>"big red circle" (size, colour, shape; no article, no position).</summary>
    public string NounPhrase => $"{Lexicon.Word(Size)} {Lexicon.Word(Colour)} {Lexicon.Word(Shape)}";

    /// <inheritdoc />
    public override string ToString() => $"{NounPhrase} in the {Cell.Name}";
}
