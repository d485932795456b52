using SkiaSharp;

namespace RlaifV.Models;

/// <summary>
/// Turns an encoded image into the vision tower's input: decode (SkiaSharp), pad to a square with the mean colour
/// (LLaVA-1.5), bicubic resize of the shortest edge, centre crop, rescale to 0..1 and normalise with mean/std.
/// Output is channel-first RGB floats [3, crop, crop].
/// </summary>
public sealed class ImagePreprocessor
{
    private static readonly SKSamplingOptions Bicubic = new(SKCubicResampler.CatmullRom);

    /// <summary>Creates a preprocessor with <paramref name="config"/>.</summary>
    public ImagePreprocessor(ImageProcessorConfig config) => Config = config;

    /// <summary>The settings.</summary>
    public ImageProcessorConfig Config { get; }

    /// <summary>Pixel values [3 × side × side], channel-first, for an encoded image (PNG, JPEG, ...).</summary>
    public float[] Process(ReadOnlySpan<byte> encoded)
    {
        using var decoded = SKBitmap.Decode(encoded) ?? throw new InvalidDataException("The image could not be decoded.");
        using var rgba = decoded.Copy(SKColorType.Rgba8888) ?? throw new InvalidDataException("The image could not be converted to RGBA.");
        using var square = Config.PadToSquare ? PadToSquare(rgba) : rgba.Copy();
        int w = square.Width, h = square.Height, edge = Config.ShortestEdge;
        int rw = w <= h ? edge : (int)((long)edge * w / h);
        int rh = w <= h ? (int)((long)edge * h / w) : edge;
        using var resized = square.Resize(new SKImageInfo(rw, rh, SKColorType.Rgba8888, SKAlphaType.Unpremul), Bicubic)
            ?? throw new InvalidDataException("The image could not be resized.");
        int side = Config.CropSize;
        int left = Math.Max(0, (rw - side) / 2), top = Math.Max(0, (rh - side) / 2);
        var pixels = resized.GetPixelSpan();
        var output = new float[3 * side * side];
        for (int c = 0; c < 3; c++)
        {
            double mean = Config.Normalize ? Config.ImageMean[c] : 0, std = Config.Normalize ? Config.ImageStd[c] : 1;
            for (int y = 0; y < side; y++)
            {
                int sy = Math.Min(rh - 1, top + y);
                for (int x = 0; x < side; x++)
                {
                    int sx = Math.Min(rw - 1, left + x);
                    byte v = pixels[((sy * rw) + sx) * 4 + c];
                    output[(c * side * side) + (y * side) + x] = (float)(((v * Config.RescaleFactor) - mean) / std);
                }
            }
        }

        return output;
    }

    private SKBitmap PadToSquare(SKBitmap image)
    {
        int side = Math.Max(image.Width, image.Height);
        var square = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(square);
        canvas.Clear(new SKColor(ToByte(Config.ImageMean[0]), ToByte(Config.ImageMean[1]), ToByte(Config.ImageMean[2])));
        using var source = SKImage.FromBitmap(image);
        canvas.DrawImage(source, (side - image.Width) / 2, (side - image.Height) / 2, SKSamplingOptions.Default);
        return square;
    }

    private static byte ToByte(double unit) => (byte)Math.Clamp((int)(unit * 255), 0, 255);
}
