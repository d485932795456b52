using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace RlaifV.Kafka;

/// <summary>
/// Writes Arrow data as JSON generically, from the schema alone: any record type, nested lists and structs
/// included. Binary values up to a limit are base64; longer ones become <c>{"length": n, "sha256": ...}</c>.
/// </summary>
internal static class ArrowJson
{
    /// <summary>
    /// Writes every row of an Arrow IPC stream: as the value of property <c>record</c> when the stream holds
    /// exactly one row and <paramref name="asArray"/> is false, else as an array under <c>records</c> (a
    /// prompt's batch prints as an array even when it holds one row).
    /// </summary>
    /// <exception cref="Exception">The bytes are not an Arrow IPC stream (any reader error).</exception>
    public static void WriteRecords(Utf8JsonWriter w, ReadOnlyMemory<byte> ipc, bool asArray, int maxBinaryBytes)
    {
        using var reader = new ArrowStreamReader(ipc);
        var batches = new List<RecordBatch>();
        try
        {
            while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
            var rows = batches.Sum(b => b.Length);
            if (rows == 1 && !asArray)
            {
                var b = batches.First(b => b.Length == 1);
                w.WritePropertyName("record");
                WriteRow(w, b.Schema, b, 0, maxBinaryBytes);
                return;
            }
            w.WriteStartArray("records");
            foreach (var b in batches)
                for (var r = 0; r < b.Length; r++) WriteRow(w, b.Schema, b, r, maxBinaryBytes);
            w.WriteEndArray();
        }
        finally
        {
            foreach (var b in batches) b.Dispose();
        }
    }

    private static void WriteRow(Utf8JsonWriter w, Schema schema, RecordBatch batch, int row, int maxBinaryBytes)
    {
        w.WriteStartObject();
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            w.WritePropertyName(schema.FieldsList[c].Name);
            WriteValue(w, batch.Column(c), row, maxBinaryBytes);
        }
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, IArrowArray array, int i, int maxBinaryBytes)
    {
        if (array.IsNull(i))
        {
            w.WriteNullValue();
            return;
        }
        switch (array)
        {
            case StringArray s: w.WriteStringValue(s.GetString(i)); break;
            case BinaryArray b: WriteBinary(w, b.GetBytes(i), maxBinaryBytes); break;
            case BooleanArray b: w.WriteBooleanValue(b.GetValue(i)!.Value); break;
            case Int8Array a: w.WriteNumberValue(a.GetValue(i)!.Value); break;
            case Int16Array a: w.WriteNumberValue(a.GetValue(i)!.Value); break;
            case Int32Array a: w.WriteNumberValue(a.GetValue(i)!.Value); break;
            case Int64Array a: w.WriteNumberValue(a.GetValue(i)!.Value); break;
            case UInt8Array a: w.WriteNumberValue(a.GetValue(i)!.Value); break;
            case UInt16Array a: w.WriteNumberValue(a.GetValue(i)!.Value); break;
            case UInt32Array a: w.WriteNumberValue(a.GetValue(i)!.Value); break;
            case UInt64Array a: w.WriteNumberValue(a.GetValue(i)!.Value); break;
            case FloatArray a: WriteDouble(w, a.GetValue(i)!.Value); break;
            case DoubleArray a: WriteDouble(w, a.GetValue(i)!.Value); break;
            case TimestampArray t: w.WriteStringValue(t.GetTimestamp(i)!.Value.ToString("O", CultureInfo.InvariantCulture)); break;
            case Date32Array d: w.WriteStringValue(d.GetDateTimeOffset(i)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case ListArray l:
                w.WriteStartArray();
                for (var k = l.ValueOffsets[i]; k < l.ValueOffsets[i + 1]; k++) WriteValue(w, l.Values, k, maxBinaryBytes);
                w.WriteEndArray();
                break;
            case StructArray s:
                var type = (StructType)s.Data.DataType;
                w.WriteStartObject();
                for (var f = 0; f < type.Fields.Count; f++)
                {
                    w.WritePropertyName(type.Fields[f].Name);
                    WriteValue(w, s.Fields[f], i, maxBinaryBytes);
                }
                w.WriteEndObject();
                break;
            default:
                w.WriteStringValue($"<{array.Data.DataType.Name} not rendered>");
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteBinary(Utf8JsonWriter w, ReadOnlySpan<byte> bytes, int maxBinaryBytes)
    {
        if (bytes.Length <= maxBinaryBytes)
        {
            w.WriteBase64StringValue(bytes);
            return;
        }
        w.WriteStartObject();
        w.WriteNumber("length", bytes.Length);
        w.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        w.WriteEndObject();
    }
}
