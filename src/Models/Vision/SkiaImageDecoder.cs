using System.Globalization;
using System.Runtime.InteropServices;
using RlaifV.Stages.Ports;
using SkiaSharp;

namespace RlaifV.Models;

/// <summary>
/// <see cref="IImageDecoder"/> with SkiaSharp's codecs (the decoder the image preprocessor uses): the image is decoded to
/// its last row and every codec result is checked, so an image that ends early (<c>IncompleteInput</c>: half a PNG), or
/// whose data is corrupt behind a valid header (<c>ErrorInInput</c>, <c>InvalidInput</c>), is refused, where
/// <c>SKBitmap.Decode</c> would return the rows it got and a grey rest. PNG decodes row by row into one row's buffer
/// (memory bounded by the width); other formats (JPEG, GIF, BMP, WebP) decode whole. Thread-safe.
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
        // PNG decodes row by row (libpng reports a short read as fewer rows); other formats decode whole, where the codec
        // reports a short or corrupt stream in its result (libjpeg's row reader pads a truncated JPEG without saying so).
        if (codec.EncodedFormat == SKEncodedImageFormat.Png && encoded.LastIndexOf("IEND"u8) < encoded.LastIndexOf("IDAT"u8))
            return "the PNG data ends before its IEND chunk (truncated)";
        if (codec.EncodedFormat == SKEncodedImageFormat.Png && codec.StartScanlineDecode(info) == SKCodecResult.Success) return DecodeRows(codec, info);
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && !HasEndOfImage(encoded)) return "the JPEG data ends before its end-of-image marker (truncated)";
        return DecodeWhole(codec, info);
    }

    /// <summary>
    /// Whether an end-of-image marker (FF D9) follows the last start-of-scan (FF DA): entropy-coded data never holds FF D9
    /// (a data byte FF is stuffed as FF 00), so without it the scan data was cut off. libjpeg pads such a stream with grey
    /// rows and reports success.
    /// </summary>
    private static bool HasEndOfImage(ReadOnlySpan<byte> jpeg)
    {
        int scan = jpeg.LastIndexOf([(byte)0xFF, (byte)0xDA]);
        int end = jpeg.LastIndexOf([(byte)0xFF, (byte)0xD9]);
        return end > scan;
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
