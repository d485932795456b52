namespace RlaifV.World;

/// <summary>
/// A cell of the 3×3 grid: <see cref="Row"/> 0 = top … 2 = bottom, <see cref="Column"/> 0 = left … 2 = right.
/// Its <see cref="Index"/> is the reading order (0 = top left … 8 = bottom right).
/// </summary>
/// <param name="Row">0 (top), 1 (middle) or 2 (bottom).</param>
/// <param name="Column">0 (left), 1 (middle) or 2 (right).</param>
public readonly record struct Cell(int Row, int Column)
{
    /// <summary>Number of rows and of columns.</summary>
    public const int GridSize = 3;

    /// <summary>All nine cells in reading order.</summary>
    public static IReadOnlyList<Cell> All { get; } =
        Enumerable.Range(0, GridSize * GridSize).Select(FromIndex).ToArray();

    /// <summary>Reading-order index, 0 … 8.</summary>
    public int Index => (Row * GridSize) + Column;

    /// <summary>The cell with reading-order index <paramref name="index"/> (0 … 8).</summary>
    public static Cell FromIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, GridSize * GridSize);
        return new Cell(index / GridSize, index % GridSize);
    }

    /// <summary>The cell's name in the world's language: "top left", "top middle", …, "center", …, "bottom right".</summary>
    public string Name => Lexicon.CellName(this);

    /// <inheritdoc />
    public override string ToString() => Name;
}
