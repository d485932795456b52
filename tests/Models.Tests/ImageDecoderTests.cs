using SkiaSharp;
using Xunit;

namespace RlaifV.Models.Tests;

public sealed class ImageDecoderTests
{
    private static readonly SkiaImageDecoder Decoder = new();

    [Fact]
    public void Problem_WholePngAndJpeg_None()
    {
        Assert.Null(Decoder.Problem(TestData.Png(40, 30, 1)));
        Assert.Null(Decoder.Problem(Encode(SKEncodedImageFormat.Jpeg)));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Problem_TruncatedPngOrJpeg_Named(double share)
    {
        // SKBitmap.Decode returns a bitmap for these (the rows it got, the rest grey): the decode itself must fail.
        var png = TestData.Png(64, 64, 3);
        var jpeg = Encode(SKEncodedImageFormat.Jpeg);
        Assert.True(Decoder.Problem(png.AsSpan(0, (int)(png.Length * share))) is not null, $"png {png.Length} cut at {share}");
        Assert.True(Decoder.Problem(jpeg.AsSpan(0, (int)(jpeg.Length * share))) is not null, $"jpeg {jpeg.Length} cut at {share}");
    }

    [Fact]
    public void Problem_ValidHeaderOverGarbage_Named()
    {
        var png = TestData.Png(16, 16, 2);
        var corrupt = png.ToArray();
        for (int i = 40; i < corrupt.Length - 12; i++)
        {
            corrupt[i] = (byte)(i * 31);
        }

        Assert.NotNull(Decoder.Problem(corrupt));
        Assert.NotNull(Decoder.Problem("not an image"u8));
        Assert.NotNull(Decoder.Problem([]));
    }

    private static byte[] Encode(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 4), (byte)(y * 4), (byte)((x * y) % 256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
