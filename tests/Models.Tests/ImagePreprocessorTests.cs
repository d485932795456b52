using SkiaSharp;
using Xunit;

namespace RlaifV.Models.Tests;

public sealed class ImagePreprocessorTests
{
    [Fact]
    public void Process_WideImage_PadsWithMeanColourAndNormalises()
    {
        var config = ImageProcessorConfig.ForImageSize(28);
        var pixels = new ImagePreprocessor(config).Process(TestData.SolidPng(40, 20, new SKColor(255, 0, 0)));
        Assert.Equal(3 * 28 * 28, pixels.Length);
        float Red(int y, int x) => pixels[(0 * 28 * 28) + (y * 28) + x];
        float Green(int y, int x) => pixels[(1 * 28 * 28) + (y * 28) + x];
        Assert.InRange(Red(0, 14), -0.05f, 0.05f);
        Assert.InRange(Green(0, 14), -0.05f, 0.05f);
        Assert.Equal((float)((1.0 - 0.48145466) / 0.26862954), Red(14, 14), 2);
        Assert.Equal((float)((0.0 - 0.4578275) / 0.26130258), Green(14, 14), 2);
    }

    [Fact]
    public void Resize_TwoPixelRowUpscaled_MatchesHandComputedPillowBicubic()
    {
        // Keys cubic (a = -0.5) weights at centres 0.25 and 0.75, normalised: 255 · -0.088 clips to 0, 255 · 0.207 ≈ 53.
        byte[] row = [0, 0, 0, 255, 255, 255];
        var up = PillowBicubic.Resize(row, 2, 1, 4, 1);
        Assert.Equal(new byte[] { 0, 53, 202, 255 }, up.Where((_, i) => i % 3 == 0).ToArray());
    }

    [Fact]
    public void Resize_CheckerboardHalved_AntialiasesToMidGrey()
    {
        const int n = 16;
        var board = new byte[n * n * 3];
        for (int i = 0; i < n * n; i++)
        {
            byte v = ((i % n) + (i / n)) % 2 == 0 ? (byte)0 : (byte)255;
            board[3 * i] = board[(3 * i) + 1] = board[(3 * i) + 2] = v;
        }

        var half = PillowBicubic.Resize(board, n, n, n / 2, n / 2);
        Assert.All(half, v => Assert.InRange(v, 100, 155));
        var same = PillowBicubic.Resize(board, n, n, n, n);
        Assert.Equal(board, same);
    }

    [Fact]
    public void Read_PreprocessorConfig_TakesSizesMeanAndStd()
    {
        string dir = TestData.NewTempDirectory();
        try
        {
            string path = Path.Combine(dir, "preprocessor_config.json");
            File.WriteAllText(path, """{"crop_size": {"height": 336, "width": 336}, "size": {"shortest_edge": 336}, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.25, 0.25, 0.25], "do_normalize": true, "rescale_factor": 0.00392156862745098}""");
            var config = ImageProcessorConfig.Read(path, 224, padToSquare: true);
            Assert.Equal(336, config.ShortestEdge);
            Assert.Equal(336, config.CropSize);
            Assert.Equal([0.5, 0.5, 0.5], config.ImageMean);
            Assert.Equal(0.25, config.ImageStd[2]);
            Assert.True(config.PadToSquare);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
