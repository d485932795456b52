using RlaifV.Schemas;
using SkiaSharp;

namespace RlaifV.World;

/// <summary>
/// Draws a scene with SkiaSharp: background fill, then each object as a filled shape centred in its cell,
/// without anti-aliasing (crisp, exactly reproducible pixels), encoded as PNG with fixed encoder settings.
/// </summary>
public static class SceneRenderer
{
    /// <summary>The RGB of each object colour, indexed by <see cref="Colour"/>.</summary>
    public static IReadOnlyList<(byte R, byte G, byte B)> ColourRgb { get; } =
        [(220, 30, 30), (30, 170, 50), (30, 70, 230), (245, 215, 20), (140, 50, 190), (250, 140, 20)];

    /// <summary>The RGB of each background, indexed by <see cref="Background"/>.</summary>
    public static IReadOnlyList<(byte R, byte G, byte B)> BackgroundRgb { get; } = [(255, 255, 255), (128, 128, 128), (0, 0, 0)];

    /// <summary>Renders <paramref name="scene"/> and encodes it as PNG.</summary>
    public static RenderedImage Render(Scene scene, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        options ??= RenderOptions.Default;
        options.Validate();
        var size = options.ImageSize;
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            var (br, bg, bb) = BackgroundRgb[(int)scene.Background];
            canvas.Clear(new SKColor(br, bg, bb));
            using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
            var cellSize = size / (float)Cell.GridSize;
            foreach (var o in scene.Objects)
            {
                var (r, g, b) = ColourRgb[(int)o.Colour];
                paint.Color = new SKColor(r, g, b);
                Draw(canvas, paint, o, cellSize);
            }
        }
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        var png = data.ToArray();
        return new RenderedImage(png, ImageRef.HashOf(png), size);
    }

    private static void Draw(SKCanvas canvas, SKPaint paint, SceneObject o, float cellSize)
    {
        var cx = (o.Cell.Column + 0.5f) * cellSize;
        var cy = (o.Cell.Row + 0.5f) * cellSize;
        var r = cellSize * (o.Size == Size.Big ? 0.45f : 0.25f);
        switch (o.Shape)
        {
            case Shape.Circle:
                canvas.DrawCircle(cx, cy, r, paint);
                break;
            case Shape.Square:
                var h = r * 0.85f;
                canvas.DrawRect(cx - h, cy - h, 2 * h, 2 * h, paint);
                break;
            case Shape.Triangle:
                FillPolygon(canvas, paint, [new SKPoint(cx, cy - r), new SKPoint(cx + r, cy + (r * 0.8f)), new SKPoint(cx - r, cy + (r * 0.8f))]);
                break;
            default:
                var points = new SKPoint[10];
                for (var k = 0; k < points.Length; k++)
                {
                    var radius = k % 2 == 0 ? r : r * 0.45f;
                    var angle = (-Math.PI / 2) + (k * Math.PI / 5);
                    points[k] = new SKPoint(cx + (float)(radius * Math.Cos(angle)), cy + (float)(radius * Math.Sin(angle)));
                }
                FillPolygon(canvas, paint, points);
                break;
        }
    }

    private static void FillPolygon(SKCanvas canvas, SKPaint paint, SKPoint[] points)
    {
        using var builder = new SKPathBuilder();
        builder.AddPoly(points, true);
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }
}
