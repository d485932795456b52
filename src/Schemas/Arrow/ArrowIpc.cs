using Apache.Arrow.Ipc;

namespace RlaifV.Schemas.Arrow;

/// <summary>
/// The one wire encoding of RlaifV messages: an Arrow IPC stream (schema + one record batch). It is
/// self-describing, carries the record name and schema version in its metadata, and any Arrow reader can
/// open it.
/// </summary>
public static class ArrowIpc
{
    /// <summary>The IPC stream's end-of-stream marker: continuation token 0xFFFFFFFF, then a zero length.</summary>
    private static readonly byte[] EndOfStream = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    /// <summary>Per thread, one stream writer per schema that has already written its schema message.</summary>
    [ThreadStatic]
    private static Dictionary<Apache.Arrow.Schema, BatchWriter>? writers;

    /// <summary>Encodes <paramref name="rows"/> as one IPC stream: schema, one record batch, end of stream.</summary>
    public static byte[] Encode<T>(RecordLayout<T> layout, IReadOnlyList<T> rows)
    {
        using var batch = layout.ToRecordBatch(rows);
        writers ??= new Dictionary<Apache.Arrow.Schema, BatchWriter>(ReferenceEqualityComparer.Instance);
        // Taken out while in use: a writer that threw midway is dropped rather than reused.
        if (!writers.Remove(layout.Schema, out var writer)) writer = new BatchWriter(layout.Schema);
        byte[] bytes;
        try
        {
            bytes = writer.Write(batch);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
        writers[layout.Schema] = writer;
        return bytes;
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

    /// <summary>
    /// An <see cref="ArrowStreamWriter"/> kept open over a buffer that starts with its schema message.
    /// Every message is that schema message, one record-batch message and the end-of-stream marker; the
    /// schema is serialised once per thread instead of once per message (it was a third of the encode
    /// time). Our schemas have no dictionaries, so the writer carries no state from one batch to the next.
    /// </summary>
    private sealed class BatchWriter : IDisposable
    {
        /// <summary>A buffer grown past this (a large inline image) is shrunk back after use, so no thread keeps one.</summary>
        private const int MaxKeptCapacity = 256 * 1024;

        private readonly MemoryStream buffer = new();
        private readonly ArrowStreamWriter writer;
        private readonly long schemaLength;

        public BatchWriter(Apache.Arrow.Schema schema)
        {
            writer = new ArrowStreamWriter(buffer, schema, leaveOpen: true);
            writer.WriteStart();
            schemaLength = buffer.Length;
        }

        public byte[] Write(Apache.Arrow.RecordBatch batch)
        {
            buffer.SetLength(schemaLength);
            buffer.Position = schemaLength;
            writer.WriteRecordBatch(batch);
            buffer.Write(EndOfStream);
            var bytes = buffer.ToArray();
            if (buffer.Capacity > MaxKeptCapacity)
            {
                buffer.SetLength(schemaLength);
                buffer.Capacity = checked((int)schemaLength);
            }
            return bytes;
        }

        public void Dispose()
        {
            writer.Dispose();
            buffer.Dispose();
        }
    }
}
