using Apache.Arrow;

namespace RlaifV.Schemas.Arrow;

/// <summary>
/// Typed access to one row of a record batch (or of a struct array) by column name. Reading a column
/// that is missing or has another type fails with the column's name, so a schema mismatch is explicit.
/// </summary>
public readonly struct RowReader
{
    private readonly IReadOnlyDictionary<string, int> index;
    private readonly IReadOnlyList<IArrowArray> arrays;
    private readonly int row;

    internal RowReader(IReadOnlyDictionary<string, int> index, IReadOnlyList<IArrowArray> arrays, int row)
    {
        this.index = index;
        this.arrays = arrays;
        this.row = row;
    }

    /// <summary>Whether the row's schema has a column <paramref name="name"/> (a column added in a later version of a record).</summary>
    public bool Has(string name) => index.ContainsKey(name);

    /// <summary>A non-null string.</summary>
    public string String(string name) =>
        NullableString(name) ?? throw new InvalidDataException($"column '{name}' is null at row {row}");

    /// <summary>A string or null.</summary>
    public string? NullableString(string name) => Get<StringArray>(name).GetString(row);

    /// <summary>A non-null 32-bit integer.</summary>
    public int Int32(string name) => NullableInt32(name) ?? throw Null(name);

    /// <summary>A 32-bit integer or null.</summary>
    public int? NullableInt32(string name) => Get<Int32Array>(name).GetValue(row);

    /// <summary>A non-null 64-bit integer.</summary>
    public long Int64(string name) => Get<Int64Array>(name).GetValue(row) ?? throw Null(name);

    /// <summary>A non-null double.</summary>
    public double Float64(string name) => NullableFloat64(name) ?? throw Null(name);

    /// <summary>A double or null.</summary>
    public double? NullableFloat64(string name) => Get<DoubleArray>(name).GetValue(row);

    /// <summary>A non-null boolean.</summary>
    public bool Bool(string name) => Get<BooleanArray>(name).GetValue(row) ?? throw Null(name);

    /// <summary>Binary bytes or null.</summary>
    public byte[]? Binary(string name)
    {
        var a = Get<BinaryArray>(name);
        return a.IsNull(row) ? null : a.GetBytes(row).ToArray();
    }

    /// <summary>A UTC timestamp.</summary>
    public DateTimeOffset Timestamp(string name) => Get<TimestampArray>(name).GetTimestamp(row) ?? throw Null(name);

    /// <summary>A list of strings.</summary>
    public IReadOnlyList<string> Utf8List(string name)
    {
        var list = Get<ListArray>(name);
        var values = (StringArray)list.Values;
        var start = list.ValueOffsets[row];
        var end = list.ValueOffsets[row + 1];
        var result = new string[end - start];
        for (var i = start; i < end; i++) result[i - start] = values.GetString(i);
        return result;
    }

    /// <summary>A list of structs read back through <paramref name="layout"/>.</summary>
    public IReadOnlyList<TItem> StructList<TItem>(string name, RecordLayout<TItem> layout)
    {
        var list = Get<ListArray>(name);
        var values = (StructArray)list.Values;
        var start = list.ValueOffsets[row];
        var end = list.ValueOffsets[row + 1];
        var result = new TItem[end - start];
        for (var i = start; i < end; i++) result[i - start] = layout.ReadAt(values.Fields, i);
        return result;
    }

    private TArray Get<TArray>(string name) where TArray : class, IArrowArray
    {
        if (!index.TryGetValue(name, out var i))
            throw new InvalidDataException($"column '{name}' is missing");
        return arrays[i] as TArray
            ?? throw new InvalidDataException($"column '{name}' has type {arrays[i].Data.DataType.Name}, expected {typeof(TArray).Name}");
    }

    private InvalidDataException Null(string name) => new($"column '{name}' is null at row {row}");
}
