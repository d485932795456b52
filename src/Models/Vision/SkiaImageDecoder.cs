using System.Globalization;
using System.Runtime.InteropServices;
using RlaifV.Stages.Ports;
using SkiaSharp;

namespace RlaifV.Models;

/// <summary>
/// <see cref="IImageDecoder"/> with SkiaSharp's codecs (the decoder the image preprocessor uses): the image is decoded to
/// its last row and every codec result is checked, so an image that ends early (<c>IncompleteInput</c>: half a PNG), or
/// whose data is corrupt behind a valid header (<c>ErrorInInput</c>, <c>InvalidInput</c>), is refused, where
/// <c>SKBitmap.Decode</c> would return the rows it got and a grey rest. PNG and JPEG decode row by row into one row's
/// buffer (memory bounded by the width); formats without row decoding (GIF, WebP) decode whole. Thread-safe.
/// </summary>
public sealed class SkiaImageDecoder : IImageDecoder
{
    /// <inheritdoc />
    public string? Problem(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty) return "no bytes";
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null) return "not an image SkiaSharp can read";
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (info.Width <= 0 || info.Height <= 0) return string.Create(CultureInfo.InvariantCulture, $"no pixels ({info.Width}x{info.Height})");
        var started = codec.StartScanlineDecode(info);
        return started == SKCodecResult.Success ? DecodeRows(codec, info) : DecodeWhole(codec, info);
    }

    private static string? DecodeRows(SKCodec codec, SKImageInfo info)
    {
        var row = GC.AllocateUninitializedArray<byte>(info.RowBytes);
        var handle = GCHandle.Alloc(row, GCHandleType.Pinned);
        try
        {
            for (var y = 0; y < info.Height; y++)
            {
                if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, info.RowBytes) != 1)
                    return string.Create(CultureInfo.InvariantCulture, $"the data ends or breaks at row {y} of {info.Height} (truncated or corrupt)");
            }
            return null;
        }
        finally
        {
            handle.Free();
        }
    }

    private static string? DecodeWhole(SKCodec codec, SKImageInfo info)
    {
        var pixels = GC.AllocateUninitializedArray<byte>(checked(info.RowBytes * info.Height));
        var result = codec.GetPixels(info, pixels);
        return result == SKCodecResult.Success ? null : $"the codec stopped with {result} (truncated or corrupt)";
    }
}
