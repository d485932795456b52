using Apache.Arrow;
using Apache.Arrow.Types;

namespace RlaifV.Schemas.Arrow;

/// <summary>
/// Factory for typed columns. Each factory takes the column name, a getter and whether nulls are allowed;
/// a null from the getter of a non-nullable column is a programming error and throws naming the column.
/// </summary>
public static class Col
{
    internal static readonly TimestampType UtcMicros = new(TimeUnit.Microsecond, "UTC");

    /// <summary>A UTF-8 string column.</summary>
    public static IColumn<T> Utf8<T>(string name, Func<T, string?> get, bool nullable = false) =>
        new Column<T>(new Field(name, StringType.Default, nullable), rows =>
        {
            var b = new StringArray.Builder();
            foreach (var row in rows)
            {
                var v = get(row);
                if (v is null) { Require(nullable, name); b.AppendNull(); }
                else b.Append(v);
            }
            return b.Build();
        });

    /// <summary>A 32-bit integer column.</summary>
    public static IColumn<T> Int32<T>(string name, Func<T, int?> get, bool nullable = false) =>
        new Column<T>(new Field(name, Int32Type.Default, nullable), rows =>
        {
            var b = new Int32Array.Builder();
            foreach (var row in rows)
            {
                var v = get(row);
                if (v is null) { Require(nullable, name); b.AppendNull(); }
                else b.Append(v.Value);
            }
            return b.Build();
        });

    /// <summary>A 64-bit integer column.</summary>
    public static IColumn<T> Int64<T>(string name, Func<T, long?> get, bool nullable = false) =>
        new Column<T>(new Field(name, Int64Type.Default, nullable), rows =>
        {
            var b = new Int64Array.Builder();
            foreach (var row in rows)
            {
                var v = get(row);
                if (v is null) { Require(nullable, name); b.AppendNull(); }
                else b.Append(v.Value);
            }
            return b.Build();
        });

    /// <summary>A 64-bit float column.</summary>
    public static IColumn<T> Float64<T>(string name, Func<T, double?> get, bool nullable = false) =>
        new Column<T>(new Field(name, DoubleType.Default, nullable), rows =>
        {
            var b = new DoubleArray.Builder();
            foreach (var row in rows)
            {
                var v = get(row);
                if (v is null) { Require(nullable, name); b.AppendNull(); }
                else b.Append(v.Value);
            }
            return b.Build();
        });

    /// <summary>A boolean column.</summary>
    public static IColumn<T> Bool<T>(string name, Func<T, bool?> get, bool nullable = false) =>
        new Column<T>(new Field(name, BooleanType.Default, nullable), rows =>
        {
            var b = new BooleanArray.Builder();
            foreach (var row in rows)
            {
                var v = get(row);
                if (v is null) { Require(nullable, name); b.AppendNull(); }
                else b.Append(v.Value);
            }
            return b.Build();
        });

    /// <summary>A variable-length binary column.</summary>
    public static IColumn<T> Binary<T>(string name, Func<T, byte[]?> get, bool nullable = false) =>
        new Column<T>(new Field(name, BinaryType.Default, nullable), rows =>
        {
            var b = new BinaryArray.Builder();
            foreach (var row in rows)
            {
                var v = get(row);
                if (v is null) { Require(nullable, name); b.AppendNull(); }
                else b.Append(v.AsSpan());
            }
            return b.Build();
        });

    /// <summary>A UTC timestamp column in microseconds.</summary>
    public static IColumn<T> Timestamp<T>(string name, Func<T, DateTimeOffset> get) =>
        new Column<T>(new Field(name, UtcMicros, false), rows =>
        {
            var b = new TimestampArray.Builder(UtcMicros);
            foreach (var row in rows) b.Append(get(row));
            return b.Build();
        });

    /// <summary>A list of non-null UTF-8 strings; the list itself is never null (empty instead).</summary>
    public static IColumn<T> Utf8List<T>(string name, Func<T, IReadOnlyList<string>> get) =>
        new Column<T>(new Field(name, new ListType(new Field("item", StringType.Default, false)), false), rows =>
        {
            var values = new StringArray.Builder();
            var offsets = new ArrowBuffer.Builder<int>().Append(0);
            var total = 0;
            foreach (var row in rows)
            {
                var list = get(row) ?? throw new ArgumentException($"column '{name}' is not nullable");
                foreach (var s in list) values.Append(s);
                total += list.Count;
                offsets.Append(total);
            }
            var type = new ListType(new Field("item", StringType.Default, false));
            return new ListArray(type, rows.Count, offsets.Build(), values.Build(), ArrowBuffer.Empty, 0);
        });

    /// <summary>A list of structs laid out by <paramref name="layout"/>; the list itself is never null.</summary>
    public static IColumn<T> StructList<T, TItem>(string name, Func<T, IReadOnlyList<TItem>> get, RecordLayout<TItem> layout) =>
        new Column<T>(new Field(name, new ListType(new Field("item", layout.StructType, false)), false), rows =>
        {
            var flat = new List<TItem>();
            var offsets = new ArrowBuffer.Builder<int>().Append(0);
            foreach (var row in rows)
            {
                var list = get(row) ?? throw new ArgumentException($"column '{name}' is not nullable");
                flat.AddRange(list);
                offsets.Append(flat.Count);
            }
            var values = new StructArray(layout.StructType, flat.Count, layout.BuildArrays(flat), ArrowBuffer.Empty, 0);
            var type = new ListType(new Field("item", layout.StructType, false));
            return new ListArray(type, rows.Count, offsets.Build(), values, ArrowBuffer.Empty, 0);
        });

    private static void Require(bool nullable, string name)
    {
        if (!nullable) throw new ArgumentException($"column '{name}' is not nullable but a record gave null");
    }

    private sealed class Column<T>(Field field, Func<IReadOnlyList<T>, IArrowArray> build) : IColumn<T>
    {
        public Field Field { get; } = field;

        public IArrowArray Build(IReadOnlyList<T> rows) => build(rows);
    }
}
