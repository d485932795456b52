namespace RlaifV.Models;

/// <summary>
/// Bicubic resampling of 8-bit RGB images computed the way Pillow does it (Keys cubic a = -0.5, support widened by
/// the downscale factor so shrinking is antialiased, 22-bit fixed-point weights, horizontal then vertical pass with
/// rounding and clipping to 8 bits in between). Hugging Face's CLIP image processor resizes through Pillow, so this
/// keeps pixel values aligned with the reference preprocessing.
/// </summary>
internal static class PillowBicubic
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Resizes packed RGB bytes (3 per pixel, row-major) from <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static byte[] Resize(byte[] rgb, int width, int height, int newWidth, int newHeight)
    {
        var horizontal = width == newWidth ? rgb : Pass(rgb, width, height, newWidth, horizontal: true);
        return height == newHeight ? horizontal : Pass(horizontal, newWidth, height, newHeight, horizontal: false);
    }

    private static byte[] Pass(byte[] source, int width, int height, int newSize, bool horizontal)
    {
        int inSize = horizontal ? width : height;
        var (bounds, weights, taps) = Coefficients(inSize, newSize);
        int outWidth = horizontal ? newSize : width, outHeight = horizontal ? height : newSize;
        var output = new byte[outWidth * outHeight * 3];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                int o = horizontal ? x : y;
                int start = bounds[2 * o], count = bounds[(2 * o) + 1];
                for (int c = 0; c < 3; c++)
                {
                    long sum = 1L << (PrecisionBits - 1);
                    for (int k = 0; k < count; k++)
                    {
                        int sx = horizontal ? start + k : x, sy = horizontal ? y : start + k;
                        sum += source[(((sy * width) + sx) * 3) + c] * (long)weights[(o * taps) + k];
                    }

                    output[(((y * outWidth) + x) * 3) + c] = (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);
                }
            }
        }

        return output;
    }

    private static (int[] Bounds, int[] Weights, int Taps) Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = 2.0 * filterScale;
        int taps = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var weights = new int[outSize * taps];
        var k = new double[taps];
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = (xx + 0.5) * scale;
            double ww = 0;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            for (int x = 0; x < xmax; x++)
            {
                double w = Filter((x + xmin - center + 0.5) / filterScale);
                k[x] = w;
                ww += w;
            }

            for (int x = 0; x < xmax; x++)
            {
                double normalized = ww == 0 ? 0 : k[x] / ww;
                weights[(xx * taps) + x] = (int)(normalized < 0 ? -0.5 + (normalized * (1 << PrecisionBits)) : 0.5 + (normalized * (1 << PrecisionBits)));
            }

            bounds[2 * xx] = xmin;
            bounds[(2 * xx) + 1] = xmax;
        }

        return (bounds, weights, taps);
    }

    private static double Filter(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        return x < 1.0 ? (((a + 2.0) * x) - (a + 3.0)) * x * x + 1
            : x < 2.0 ? ((((x - 5) * x) + 8) * x - 4) * a
            : 0.0;
    }
}
