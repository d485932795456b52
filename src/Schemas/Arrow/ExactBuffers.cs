using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;

namespace RlaifV.Schemas.Arrow;

/// <summary>
/// Arrow buffers sized to their content, rounded up to 8 bytes (the alignment the IPC format requires),
/// in plain managed arrays. Apache.Arrow's builders round every buffer up to 64 bytes and allocate
/// native memory; the IPC writer copies a buffer as long as it is, so with ~60 buffers in a record the
/// builders' padding alone was ~3 KB of zeros per one-row message and their allocations most of the
/// encode time. A validity bitmap is only made when a column has a null (an empty buffer means "all
/// valid").
/// </summary>
internal static class ExactBuffers
{
    /// <summary><paramref name="length"/> rounded up to a multiple of 8.</summary>
    public static int Pad8(int length) => checked((length + 7) & ~7);

    /// <summary>A zeroed buffer of at least <paramref name="length"/> bytes, padded to 8.</summary>
    public static byte[] Zeroed(int length) => new byte[Pad8(length)];

    /// <summary>A validity bitmap of <paramref name="rows"/> bits, all set (valid).</summary>
    public static byte[] AllValid(int rows)
    {
        var bitmap = Zeroed((rows + 7) / 8);
        for (var i = 0; i < rows; i++) bitmap[i >> 3] |= (byte)(1 << (i & 7));
        return bitmap;
    }

    /// <summary>Marks row <paramref name="row"/> null in <paramref name="bitmap"/>.</summary>
    public static void ClearBit(byte[] bitmap, int row) => bitmap[row >> 3] &= (byte)~(1 << (row & 7));

    /// <summary>The validity buffer: empty when no row is null.</summary>
    public static ArrowBuffer Validity(byte[]? bitmap) => bitmap is null ? ArrowBuffer.Empty : new ArrowBuffer(bitmap);

    /// <summary>A zeroed fixed-width value buffer for <paramref name="rows"/> values of <typeparamref name="TValue"/>.</summary>
    public static byte[] Values<TValue>(int rows)
        where TValue : struct =>
        Zeroed(checked(rows * System.Runtime.CompilerServices.Unsafe.SizeOf<TValue>()));

    /// <summary>The first <paramref name="rows"/> values of <paramref name="buffer"/>, to fill it through.</summary>
    public static Span<TValue> As<TValue>(byte[] buffer, int rows)
        where TValue : struct =>
        MemoryMarshal.Cast<byte, TValue>(buffer.AsSpan())[..rows];

    /// <summary>
    /// The offsets and data buffers of a UTF-8 string column over <paramref name="values"/> (null entries
    /// take no bytes).
    /// </summary>
    public static (ArrowBuffer Offsets, ArrowBuffer Data) Utf8(ReadOnlySpan<string?> values) =>
        VariableLength(values, v => Encoding.UTF8.GetByteCount(v), (v, target) => Encoding.UTF8.GetBytes(v, target));

    /// <summary>The offsets and data buffers of a binary column over <paramref name="values"/> (null entries take no bytes).</summary>
    public static (ArrowBuffer Offsets, ArrowBuffer Data) Binary(ReadOnlySpan<byte[]?> values) =>
        VariableLength(values, v => v.Length, (v, target) =>
        {
            v.CopyTo(target);
            return v.Length;
        });

    /// <summary>Offsets and data of a variable-length column: each value's bytes end to end, nulls taking none.</summary>
    private static (ArrowBuffer Offsets, ArrowBuffer Data) VariableLength<T>(ReadOnlySpan<T?> values, Func<T, int> byteCount, SpanWriter<T> write)
        where T : class
    {
        var total = 0;
        foreach (var v in values)
            if (v is not null) total = checked(total + byteCount(v));
        var offsetBuffer = Values<int>(values.Length + 1);
        var offsets = As<int>(offsetBuffer, values.Length + 1);
        var data = Zeroed(total);
        var position = 0;
        for (var i = 0; i < values.Length; i++)
        {
            offsets[i] = position;
            if (values[i] is { } v) position += write(v, data.AsSpan(position));
        }
        offsets[values.Length] = position;
        return (new ArrowBuffer(offsetBuffer), new ArrowBuffer(data));
    }

    /// <summary>Writes a value's bytes into the start of a span and returns how many.</summary>
    private delegate int SpanWriter<in T>(T value, Span<byte> target);

    /// <summary>A list column's offsets buffer: 0, then the running total of <paramref name="counts"/>.</summary>
    public static ArrowBuffer ListOffsets(ReadOnlySpan<int> counts)
    {
        var buffer = Values<int>(counts.Length + 1);
        var offsets = As<int>(buffer, counts.Length + 1);
        var total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            offsets[i] = total;
            total = checked(total + counts[i]);
        }
        offsets[counts.Length] = total;
        return new ArrowBuffer(buffer);
    }
}
