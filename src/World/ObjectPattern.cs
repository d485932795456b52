namespace RlaifV.World;

/// <summary>
/// A description of objects as a sentence names them: any of size, colour, shape and cell may be left open
/// ("a red circle", "two squares", "objects", "the star in the center").
/// </summary>
/// <param name="Size">Required size, or null for any.</param>
/// <param name="Colour">Required colour, or null for any.</param>
/// <param name="Shape">Required shape, or null for any ("object").</param>
/// <param name="Cell">Required cell, or null for anywhere.</param>
public sealed record ObjectPattern(Size? Size = null, Colour? Colour = null, Shape? Shape = null, Cell? Cell = null)
{
    /// <summary>The pattern that names exactly this object's size, colour, shape and cell.</summary>
    public static ObjectPattern Of(SceneObject o) => new(o.Size, o.Colour, o.Shape, o.Cell);

    /// <summary>Whether <paramref name="o"/> fits every attribute the pattern fixes.</summary>
    public bool Matches(SceneObject o) =>
        (Size is null || Size == o.Size) && (Colour is null || Colour == o.Colour)
        && (Shape is null || Shape == o.Shape) && (Cell is null || Cell == o.Cell);

    /// <summary>
    /// The noun phrase without article or number: "big red circle", "squares", "objects"; with
    /// <paramref name="withCell"/>, followed by " in the top left" when a cell is fixed.
    /// </summary>
    public string Noun(bool plural, bool withCell = true)
    {
        var words = new List<string>(5);
        if (Size is { } s) words.Add(Lexicon.Word(s));
        if (Colour is { } c) words.Add(Lexicon.Word(c));
        words.Add(Shape is { } sh ? Lexicon.Word(sh, plural) : plural ? "objects" : "object");
        var noun = string.Join(' ', words);
        return withCell && Cell is { } cell ? $"{noun} in the {cell.Name}" : noun;
    }
}
