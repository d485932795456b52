using Apache.Arrow;
using Apache.Arrow.Types;

namespace RlaifV.Schemas.Arrow;

/// <summary>
/// The Arrow layout of one record type: its columns in order, the schema they make, and the mapping back
/// from a row to a record. Every record type in this assembly declares one next to its definition, so the
/// C# shape and the wire shape are read side by side.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class RecordLayout<T>
{
    private readonly IReadOnlyList<IColumn<T>> columns;
    private readonly Func<RowReader, T> read;
    private readonly Dictionary<string, int> index;

    /// <summary>Creates a layout.</summary>
    /// <param name="recordName">The record's wire name (kept in the schema metadata).</param>
    /// <param name="version">The schema version; bump it on any incompatible change.</param>
    /// <param name="read">Builds a record from one row.</param>
    /// <param name="columns">The columns, in wire order.</param>
    public RecordLayout(string recordName, int version, Func<RowReader, T> read, params IColumn<T>[] columns)
    {
        RecordName = recordName;
        Version = version;
        this.columns = columns;
        this.read = read;
        index = columns.Select((c, i) => (c.Field.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var fields = columns.Select(c => c.Field).ToList();
        var builder = new Schema.Builder();
        foreach (var f in fields) builder.Field(f);
        builder.Metadata(SchemaMetadata.RecordKey, recordName);
        builder.Metadata(SchemaMetadata.VersionKey, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Schema = builder.Build();
        StructType = new StructType(fields);
    }

    /// <summary>The record's wire name, for example <c>preference_pair</c>.</summary>
    public string RecordName { get; }

    /// <summary>The schema version written with every message.</summary>
    public int Version { get; }

    /// <summary>The Arrow schema (with record name and version in its metadata).</summary>
    public Schema Schema { get; }

    /// <summary>The same fields as a struct type, for nesting this record inside another.</summary>
    public StructType StructType { get; }

    /// <summary>Builds one array per column for <paramref name="rows"/>.</summary>
    public IReadOnlyList<IArrowArray> BuildArrays(IReadOnlyList<T> rows) => columns.Select(c => c.Build(rows)).ToList();

    /// <summary>Builds a record batch of <paramref name="rows"/>.</summary>
    public RecordBatch ToRecordBatch(IReadOnlyList<T> rows) => new(Schema, BuildArrays(rows), rows.Count);

    /// <summary>Reads every row of <paramref name="batch"/> back into records.</summary>
    public IReadOnlyList<T> Read(RecordBatch batch)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Schema.FieldsList.Count; i++) byName[batch.Schema.FieldsList[i].Name] = i;
        var arrays = Enumerable.Range(0, batch.ColumnCount).Select(batch.Column).ToList();
        var result = new T[batch.Length];
        for (var r = 0; r < batch.Length; r++) result[r] = read(new RowReader(byName, arrays, r));
        return result;
    }

    internal T ReadAt(IReadOnlyList<IArrowArray> arrays, int row) => read(new RowReader(index, arrays, row));
}
