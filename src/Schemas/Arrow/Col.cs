using Apache.Arrow;
using Apache.Arrow.Types;

namespace RlaifV.Schemas.Arrow;

/// <summary>
/// Factory for typed columns. Each factory takes the column name, a getter and whether nulls are allowed;
/// a null from the getter of a non-nullable column is a programming error and throws naming the column.
/// Columns are built straight into buffers sized to their content (see <see cref="ExactBuffers"/>), not
/// through Apache.Arrow's builders, so a small message carries no 64-byte padding per buffer.
/// </summary>
public static class Col
{
    internal static readonly TimestampType UtcMicros = new(TimeUnit.Microsecond, "UTC");

    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    /// <summary>A UTF-8 string column.</summary>
    public static IColumn<T> Utf8<T>(string name, Func<T, string?> get, bool nullable = false) =>
        new Column<T>(new Field(name, StringType.Default, nullable), rows =>
        {
            var (values, validity, nulls) = Gather(rows, get, nullable, name);
            var (offsets, data) = ExactBuffers.Utf8(values);
            return new StringArray(values.Length, offsets, data, ExactBuffers.Validity(validity), nulls);
        });

    /// <summary>A 32-bit integer column.</summary>
    public static IColumn<T> Int32<T>(string name, Func<T, int?> get, bool nullable = false) =>
        Primitive(new Field(name, Int32Type.Default, nullable), get, (values, validity, n, nulls) => new Int32Array(values, validity, n, nulls, 0));

    /// <summary>A 64-bit integer column.</summary>
    public static IColumn<T> Int64<T>(string name, Func<T, long?> get, bool nullable = false) =>
        Primitive(new Field(name, Int64Type.Default, nullable), get, (values, validity, n, nulls) => new Int64Array(values, validity, n, nulls, 0));

    /// <summary>A 64-bit float column.</summary>
    public static IColumn<T> Float64<T>(string name, Func<T, double?> get, bool nullable = false) =>
        Primitive(new Field(name, DoubleType.Default, nullable), get, (values, validity, n, nulls) => new DoubleArray(values, validity, n, nulls, 0));

    /// <summary>A boolean column.</summary>
    public static IColumn<T> Bool<T>(string name, Func<T, bool?> get, bool nullable = false) =>
        new Column<T>(new Field(name, BooleanType.Default, nullable), rows =>
        {
            var bits = ExactBuffers.Zeroed((rows.Count + 7) / 8);
            byte[]? validity = null;
            var nulls = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var v = get(rows[i]);
                if (v is null) MarkNull(ref validity, ref nulls, i, rows.Count, nullable, name);
                else if (v.Value) bits[i >> 3] |= (byte)(1 << (i & 7));
            }
            return new BooleanArray(new ArrowBuffer(bits), ExactBuffers.Validity(validity), rows.Count, nulls, 0);
        });

    /// <summary>A variable-length binary column.</summary>
    public static IColumn<T> Binary<T>(string name, Func<T, byte[]?> get, bool nullable = false) =>
        new Column<T>(new Field(name, BinaryType.Default, nullable), rows =>
        {
            var (values, validity, nulls) = Gather(rows, get, nullable, name);
            var (offsets, data) = ExactBuffers.Binary(values);
            return new BinaryArray(BinaryType.Default, values.Length, offsets, data, ExactBuffers.Validity(validity), nulls, 0);
        });

    /// <summary>A UTC timestamp column in microseconds.</summary>
    public static IColumn<T> Timestamp<T>(string name, Func<T, DateTimeOffset> get) =>
        new Column<T>(new Field(name, UtcMicros, false), rows =>
        {
            var buffer = ExactBuffers.Values<long>(rows.Count);
            var values = ExactBuffers.As<long>(buffer, rows.Count);
            for (var i = 0; i < rows.Count; i++) values[i] = (get(rows[i]) - Epoch).Ticks / 10;
            return new TimestampArray(UtcMicros, new ArrowBuffer(buffer), ArrowBuffer.Empty, rows.Count, 0, 0);
        });

    /// <summary>A list of non-null UTF-8 strings; the list itself is never null (empty instead).</summary>
    public static IColumn<T> Utf8List<T>(string name, Func<T, IReadOnlyList<string>> get)
    {
        var type = new ListType(new Field("item", StringType.Default, false));
        return new Column<T>(new Field(name, type, false), rows =>
        {
            var counts = new int[rows.Count];
            var flat = new List<string?>();
            for (var i = 0; i < rows.Count; i++)
            {
                var list = get(rows[i]) ?? throw new ArgumentException($"column '{name}' is not nullable");
                foreach (var s in list) flat.Add(s ?? throw new ArgumentException($"column '{name}' holds a null item"));
                counts[i] = list.Count;
            }
            var (offsets, data) = ExactBuffers.Utf8(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(flat));
            var values = new StringArray(flat.Count, offsets, data, ArrowBuffer.Empty, 0);
            return new ListArray(type, rows.Count, ExactBuffers.ListOffsets(counts), values, ArrowBuffer.Empty, 0);
        });
    }

    /// <summary>A list of structs laid out by <paramref name="layout"/>; the list itself is never null.</summary>
    public static IColumn<T> StructList<T, TItem>(string name, Func<T, IReadOnlyList<TItem>> get, RecordLayout<TItem> layout)
    {
        var type = new ListType(new Field("item", layout.StructType, false));
        return new Column<T>(new Field(name, type, false), rows =>
        {
            var counts = new int[rows.Count];
            var flat = new List<TItem>();
            for (var i = 0; i < rows.Count; i++)
            {
                var list = get(rows[i]) ?? throw new ArgumentException($"column '{name}' is not nullable");
                flat.AddRange(list);
                counts[i] = list.Count;
            }
            var values = new StructArray(layout.StructType, flat.Count, layout.BuildArrays(flat), ArrowBuffer.Empty, 0);
            return new ListArray(type, rows.Count, ExactBuffers.ListOffsets(counts), values, ArrowBuffer.Empty, 0);
        });
    }

    private static Column<T> Primitive<T, TValue>(Field field, Func<T, TValue?> get, Func<ArrowBuffer, ArrowBuffer, int, int, IArrowArray> make)
        where TValue : struct =>
        new(field, rows =>
        {
            var buffer = ExactBuffers.Values<TValue>(rows.Count);
            var values = ExactBuffers.As<TValue>(buffer, rows.Count);
            byte[]? validity = null;
            var nulls = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                if (get(rows[i]) is { } v) values[i] = v;
                else MarkNull(ref validity, ref nulls, i, rows.Count, field.IsNullable, field.Name);
            }
            return make(new ArrowBuffer(buffer), ExactBuffers.Validity(validity), rows.Count, nulls);
        });

    /// <summary>Each row's value of a variable-length column, with the validity bitmap (null when none is null) and the null count.</summary>
    private static (TValue?[] Values, byte[]? Validity, int Nulls) Gather<T, TValue>(IReadOnlyList<T> rows, Func<T, TValue?> get, bool nullable, string name)
        where TValue : class
    {
        var values = new TValue?[rows.Count];
        byte[]? validity = null;
        var nulls = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = get(rows[i]);
            if (values[i] is null) MarkNull(ref validity, ref nulls, i, rows.Count, nullable, name);
        }
        return (values, validity, nulls);
    }

    private static void MarkNull(ref byte[]? validity, ref int nulls, int row, int rows, bool nullable, string name)
    {
        if (!nullable) throw new ArgumentException($"column '{name}' is not nullable but a record gave null");
        validity ??= ExactBuffers.AllValid(rows);
        ExactBuffers.ClearBit(validity, row);
        nulls++;
    }

    private sealed class Column<T>(Field field, Func<IReadOnlyList<T>, IArrowArray> build) : IColumn<T>
    {
        public Field Field { get; } = field;

        public IArrowArray Build(IReadOnlyList<T> rows) => build(rows);
    }
}
