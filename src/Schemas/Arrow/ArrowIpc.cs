using Apache.Arrow.Ipc;

namespace RlaifV.Schemas.Arrow;

/// <summary>
/// The one wire encoding of RlaifV messages: an Arrow IPC stream (schema + one record batch). It is
/// self-describing, carries the record name and schema version in its metadata, and any Arrow reader can
/// open it.
/// </summary>
public static class ArrowIpc
{
    /// <summary>Encodes <paramref name="rows"/> as one IPC stream.</summary>
    public static byte[] Encode<T>(RecordLayout<T> layout, IReadOnlyList<T> rows)
    {
        using var batch = layout.ToRecordBatch(rows);
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, layout.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        return stream.ToArray();
    }

    /// <summary>Encodes one record.</summary>
    public static byte[] Encode<T>(RecordLayout<T> layout, T row) => Encode(layout, [row]);

    /// <summary>
    /// Decodes every record of an IPC stream. Fails with a clear message when the stream holds another
    /// record type or a newer schema version than <paramref name="layout"/> understands.
    /// </summary>
    public static IReadOnlyList<T> Decode<T>(RecordLayout<T> layout, ReadOnlyMemory<byte> bytes)
    {
        using var reader = new ArrowStreamReader(bytes);
        var result = new List<T>();
        var checkedSchema = false;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                if (!checkedSchema)
                {
                    CheckSchema(layout, batch.Schema);
                    checkedSchema = true;
                }
                result.AddRange(layout.Read(batch));
            }
        }
        return result;
    }

    private static void CheckSchema<T>(RecordLayout<T> layout, Apache.Arrow.Schema schema)
    {
        var meta = schema.Metadata ?? new Dictionary<string, string>();
        if (meta.TryGetValue(SchemaMetadata.RecordKey, out var name) && name != layout.RecordName)
            throw new InvalidDataException($"message holds '{name}' records, expected '{layout.RecordName}'");
        if (meta.TryGetValue(SchemaMetadata.VersionKey, out var v)
            && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var version)
            && version > layout.Version)
            throw new InvalidDataException($"'{layout.RecordName}' schema version {version} is newer than this build understands ({layout.Version})");
    }
}
