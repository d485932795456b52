using System.Globalization;

namespace RlaifV.World;

/// <summary>
/// A scene: 1–6 objects on distinct cells of a 3×3 grid, kept in reading order, and a background colour.
/// Every fact about the image follows from this record: it is the ground truth.
/// </summary>
public sealed record Scene
{
    /// <summary>A scene; objects are sorted into reading order; two objects on one cell are an error.</summary>
    public Scene(IEnumerable<SceneObject> objects, Background background)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var sorted = objects.OrderBy(o => o.Cell.Index).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Cell == sorted[i - 1].Cell)
                throw new ArgumentException($"two objects on the {sorted[i].Cell.Name} cell", nameof(objects));
        }
        Objects = sorted;
        Background = background;
    }

    /// <summary>The objects in reading order (top left first).</summary>
    public IReadOnlyList<SceneObject> Objects { get; }

    /// <summary>The background colour.</summary>
    public Background Background { get; }

    /// <summary>The object on <paramref name="cell"/>, or null when the cell is empty.</summary>
    public SceneObject? ObjectAt(Cell cell) => Objects.FirstOrDefault(o => o.Cell == cell);

    /// <summary>The empty cells in reading order.</summary>
    public IReadOnlyList<Cell> EmptyCells => Cell.All.Where(c => ObjectAt(c) is null).ToArray();

    /// <summary>The objects matching <paramref name="pattern"/>.</summary>
    public IReadOnlyList<SceneObject> Matching(ObjectPattern pattern) => Objects.Where(pattern.Matches).ToArray();

    /// <summary>
    /// A compact, lossless text form, for example <c>gray|big red circle@0;small blue square@4</c>
    /// (background, then objects as noun phrase @ cell index). <see cref="Parse"/> reads it back.
    /// </summary>
    public string ToCode() =>
        $"{Lexicon.Word(Background)}|{string.Join(';', Objects.Select(o => $"{o.NounPhrase}@{o.Cell.Index.ToString(CultureInfo.InvariantCulture)}"))}";

    /// <summary>Reads the form written by <see cref="ToCode"/>.</summary>
    /// <exception cref="FormatException">The text is not a scene code.</exception>
    public static Scene Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var bar = code.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || !Lexicon.TryBackground(code[..bar], out var background))
            throw new FormatException($"not a scene code: '{code}'");
        var objects = new List<SceneObject>();
        foreach (var part in code[(bar + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf('@', StringComparison.Ordinal);
            var words = at < 0 ? [] : part[..at].Split(' ');
            if (words.Length != 3 || !Lexicon.TrySize(words[0], out var size) || !Lexicon.TryColour(words[1], out var colour)
                || !Lexicon.TryShape(words[2], out var shape, out _)
                || !int.TryParse(part[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 8)
            {
                throw new FormatException($"not a scene object: '{part}'");
            }
            objects.Add(new SceneObject(shape, colour, size, Cell.FromIndex(index)));
        }
        return new Scene(objects, background);
    }

    /// <inheritdoc />
    public bool Equals(Scene? other) =>
        other is not null && Background == other.Background && Objects.SequenceEqual(other.Objects);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Background);
        foreach (var o in Objects) h.Add(o);
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => ToCode();
}
