using SkiaSharp;

namespace RlaifV.Models;

/// <summary>
/// Turns an encoded image into the vision tower's input the way the LLaVA-1.5 recipe does: decode (SkiaSharp), drop
/// alpha, pad to a square with the mean colour at (int)(mean·255) placed centred (LLaVA's expand2square), bicubic
/// resize of the shortest edge (Pillow's algorithm, as Hugging Face's CLIP processor uses), centre crop, rescale to
/// 0..1 and normalise with mean/std. Output is channel-first RGB floats [3, crop, crop].
/// </summary>
public sealed class ImagePreprocessor
{
    /// <summary>Creates a preprocessor with <paramref name="config"/>.</summary>
    public ImagePreprocessor(ImageProcessorConfig config) => Config = config;

    /// <summary>The settings.</summary>
    public ImageProcessorConfig Config { get; }

    /// <summary>Pixel values [3 × side × side], channel-first, for an encoded image (PNG, JPEG, ...).</summary>
    public float[] Process(ReadOnlySpan<byte> encoded)
    {
        var (rgb, w, h) = Decode(encoded);
        if (Config.PadToSquare && w != h)
        {
            (rgb, w, h) = PadToSquare(rgb, w, h);
        }

        int edge = Config.ShortestEdge;
        int rw = w <= h ? edge : (int)((long)edge * w / h);
        int rh = w <= h ? (int)((long)edge * h / w) : edge;
        var resized = PillowBicubic.Resize(rgb, w, h, rw, rh);
        int side = Config.CropSize;
        int left = (rw - side) / 2, top = (rh - side) / 2;
        var output = new float[3 * side * side];
        for (int c = 0; c < 3; c++)
        {
            double mean = Config.Normalize ? Config.ImageMean[c] : 0, std = Config.Normalize ? Config.ImageStd[c] : 1;
            for (int y = 0; y < side; y++)
            {
                int sy = top + y;
                for (int x = 0; x < side; x++)
                {
                    int sx = left + x;
                    bool inside = sx >= 0 && sy >= 0 && sx < rw && sy < rh;
                    byte v = inside ? resized[(((sy * rw) + sx) * 3) + c] : (byte)0;
                    output[(c * side * side) + (y * side) + x] = (float)(((v * Config.RescaleFactor) - mean) / std);
                }
            }
        }

        return output;
    }

    private static (byte[] Rgb, int Width, int Height) Decode(ReadOnlySpan<byte> encoded)
    {
        using var decoded = SKBitmap.Decode(encoded)
            ?? throw new RlaifV.Stages.Ports.InputRejectedException(RlaifV.Schemas.DeadLetterReasons.ImageInvalid, "The image could not be decoded.");
        var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var rgba = new SKBitmap(info);
        if (!decoded.CopyTo(rgba, SKColorType.Rgba8888) && !decoded.ScalePixels(rgba, SKSamplingOptions.Default))
        {
            throw new InvalidDataException("The image could not be converted to RGBA.");
        }

        var pixels = rgba.GetPixelSpan();
        var rgb = new byte[decoded.Width * decoded.Height * 3];
        for (int i = 0, n = decoded.Width * decoded.Height; i < n; i++)
        {
            rgb[3 * i] = pixels[4 * i];
            rgb[(3 * i) + 1] = pixels[(4 * i) + 1];
            rgb[(3 * i) + 2] = pixels[(4 * i) + 2];
        }

        return (rgb, decoded.Width, decoded.Height);
    }

    private (byte[] Rgb, int Width, int Height) PadToSquare(byte[] rgb, int w, int h)
    {
        int side = Math.Max(w, h);
        var square = new byte[side * side * 3];
        for (int i = 0; i < side * side; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                square[(3 * i) + c] = (byte)Math.Clamp((int)(Config.ImageMean[c] * 255), 0, 255);
            }
        }

        int x0 = (side - w) / 2, y0 = (side - h) / 2;
        for (int y = 0; y < h; y++)
        {
            Array.Copy(rgb, y * w * 3, square, (((y + y0) * side) + x0) * 3, w * 3);
        }

        return (square, side, side);
    }
}
