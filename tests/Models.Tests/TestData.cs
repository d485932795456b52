using SkiaSharp;

namespace RlaifV.Models.Tests;

/// <summary>Paths of committed fixtures and small generated inputs.</summary>
internal static class TestData
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string SentencePieceModel => Path.Combine(Fixtures, "tokenizer.model");

    /// <summary>A pipeline image with its real SHA-256 (the backend caches preprocessing by it).</summary>
    public static RlaifV.Stages.Ports.ImageInput Image(byte[] bytes) =>
        new(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes);

    public static string NewTempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rlaifv-models-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/> with a colour gradient keyed by <paramref name="seed"/>.</summary>
    public static byte[] Png(int width, int height, int seed)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)((x * 7 + seed * 31) % 256), (byte)((y * 11 + seed * 17) % 256), (byte)((x + y + seed * 5) % 256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static byte[] SolidPng(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
