using System.Buffers.Binary;
using System.Text.Json;

namespace RlaifV.Models;

/// <summary>
/// The JSON header of a .safetensors file (names, dtypes, shapes, byte ranges), read to check a file before the
/// tensors are loaded: a truncated or inconsistent file fails naming the tensor, not deep inside a reader.
/// </summary>
internal sealed class SafetensorsHeader
{
    private SafetensorsHeader(IReadOnlyDictionary<string, Entry> entries) => Entries = entries;

    public IReadOnlyDictionary<string, Entry> Entries { get; }

    public static SafetensorsHeader Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Read(lengthBytes) != 8)
        {
            throw new InvalidDataException($"{path}: not a safetensors file (shorter than its 8-byte header length).");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength == 0 || headerLength > 100_000_000 || (long)headerLength > stream.Length - 8)
        {
            throw new InvalidDataException($"{path}: not a safetensors file (header length {headerLength}, file length {stream.Length}).");
        }

        var json = new byte[headerLength];
        stream.ReadExactly(json);
        long dataLength = stream.Length - 8 - (long)headerLength;
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: corrupt safetensors header: {e.Message}", e);
        }

        using (doc)
        {
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    continue;
                }

                var e = property.Value;
                string dtype = e.GetProperty("dtype").GetString() ?? "";
                long[] shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
                long[] offsets = e.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()).ToArray();
                long expected = shape.Aggregate(1L, (a, b) => a * b) * DtypeSize(dtype, property.Name, path);
                if (offsets.Length != 2 || offsets[1] - offsets[0] != expected || offsets[0] < 0 || offsets[1] > dataLength)
                {
                    throw new InvalidDataException(
                        $"{path}: tensor '{property.Name}' ({dtype} {ShapeText(shape)}) has byte range [{string.Join(", ", offsets)}] " +
                        $"but needs {expected} bytes within the {dataLength} data bytes: the file is truncated or corrupt.");
                }

                entries[property.Name] = new Entry(dtype, shape);
            }
        }

        return new SafetensorsHeader(entries);
    }

    public static string ShapeText(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static int DtypeSize(string dtype, string name, string path) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => 1,
        _ => throw new InvalidDataException($"{path}: tensor '{name}' has unsupported dtype '{dtype}'."),
    };

    public sealed record Entry(string Dtype, long[] Shape);
}
