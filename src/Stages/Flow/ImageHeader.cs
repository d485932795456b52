using System.Buffers.Binary;

namespace RlaifV.Stages.Flow;

/// <summary>
/// Reads the format and pixel size from an encoded image's header (PNG, JPEG, GIF, BMP, WebP) without
/// decoding it, so ingest can reject what is not an image, or is absurdly large, before any model sees it.
/// </summary>
public static class ImageHeader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Parses the header; false when the bytes are not a supported, well-formed image header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> b, out string format, out int width, out int height)
    {
        format = string.Empty;
        width = height = 0;
        if (b.Length >= 24 && b[..8].SequenceEqual(PngSignature) && b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            format = "png";
            width = BinaryPrimitives.ReadInt32BigEndian(b[16..]);
            height = BinaryPrimitives.ReadInt32BigEndian(b[20..]);
        }
        else if (b.Length >= 10 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8)))
        {
            format = "gif";
            width = BinaryPrimitives.ReadUInt16LittleEndian(b[6..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(b[8..]);
        }
        else if (b.Length >= 26 && b[0] == 'B' && b[1] == 'M')
        {
            format = "bmp";
            width = BinaryPrimitives.ReadInt32LittleEndian(b[18..]);
            height = Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(b[22..]));
        }
        else if (b.Length >= 30 && b[..4].SequenceEqual("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            format = "webp";
            if (!TryReadWebp(b, out width, out height)) return false;
        }
        else if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8)
        {
            format = "jpeg";
            if (!TryReadJpeg(b, out width, out height)) return false;
        }
        else
        {
            return false;
        }
        return width > 0 && height > 0;
    }

    private static bool TryReadWebp(ReadOnlySpan<byte> b, out int width, out int height)
    {
        width = height = 0;
        var chunk = b.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            width = 1 + (b[24] | (b[25] << 8) | (b[26] << 16));
            height = 1 + (b[27] | (b[28] << 8) | (b[29] << 16));
        }
        else if (chunk.SequenceEqual("VP8L"u8) && b[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
            width = 1 + (int)(bits & 0x3FFF);
            height = 1 + (int)((bits >> 14) & 0x3FFF);
        }
        else if (chunk.SequenceEqual("VP8 "u8) && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF;
        }
        return width > 0 && height > 0;
    }

    private static bool TryReadJpeg(ReadOnlySpan<byte> b, out int width, out int height)
    {
        width = height = 0;
        var i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF) return false;
            var marker = b[i + 1];
            if (marker == 0xFF) { i++; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
            var isFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (isFrame)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..]);
                return true;
            }
            if (length < 2) return false;
            i += 2 + length;
        }
        return false;
    }
}
