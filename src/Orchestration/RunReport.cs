using System.Globalization;
using System.Text;
using SkiaSharp;

namespace RlaifV.Orchestration;

/// <summary>Writes a run's <c>report.md</c> (the per-round table and the change from the start policy) and <c>report.png</c> (the metrics per round).</summary>
public static class RunReport
{
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ];

    /// <summary>Writes both files into <paramref name="directory"/>; returns their paths and the Markdown written.</summary>
    public static (string MarkdownPath, string PlotPath, string Markdown) Write(string directory, IReadOnlyList<RoundRecord> rounds, string? evaluation)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        Directory.CreateDirectory(directory);
        var md = Path.Combine(directory, "report.md");
        var png = Path.Combine(directory, "report.png");
        var text = Markdown(rounds, evaluation);
        File.WriteAllText(md, text);
        File.WriteAllBytes(png, Plot(rounds));
        return (md, png, text);
    }

    /// <summary>The Markdown report.</summary>
    public static string Markdown(IReadOnlyList<RoundRecord> rounds, string? evaluation)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var b = new StringBuilder();
        b.AppendLine("# RLAIF-V run report").AppendLine();
        if (evaluation is not null) b.AppendLine(Inv($"Measured on {evaluation}. Round 0 is the start policy; round k is the policy trained on round k − 1's pairs.")).AppendLine();
        b.AppendLine("| round | response hallucination | claim hallucination | coverage | mean words | unjudgeable | pairs | labeler agreement | seconds |");
        b.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rounds)
        {
            b.AppendLine(Inv($"| {r.Round} | {Pct(r.ResponseHallucination)} | {Pct(r.ClaimHallucination)} | {Pct(r.Coverage)} | {Num(r.MeanWords)} | {Pct(r.Unjudgeable)} | {r.Pairs} | {Pct(r.LabelerAgreement)} | {r.Seconds:F1} |"));
        }
        if (rounds.Count > 1 && rounds[0].ResponseHallucination is { } r0 && rounds[^1].ResponseHallucination is { } rn)
        {
            var first = rounds[0];
            var last = rounds[^1];
            b.AppendLine().AppendLine(Inv($"From round 0 to round {last.Round}:")).AppendLine();
            b.AppendLine(Inv($"- response-level hallucination {r0:P1} → {rn:P1} ({Change(r0, rn)})"));
            if (first.ClaimHallucination is { } c0 && last.ClaimHallucination is { } cn) b.AppendLine(Inv($"- claim-level hallucination {c0:P1} → {cn:P1} ({Change(c0, cn)})"));
            if (first.Coverage is { } v0 && last.Coverage is { } vn) b.AppendLine(Inv($"- coverage {v0:P1} → {vn:P1} ({vn / v0:P1} of the start's)"));
            b.AppendLine(Inv($"- total time {rounds.Sum(r => r.Seconds):F0} s"));
        }
        b.AppendLine().AppendLine("![metrics per round](report.png)");
        return b.ToString();
    }

    /// <summary>The plot: response hallucination, claim hallucination and coverage (0–100 %) per round, as a PNG.</summary>
    public static byte[] Plot(IReadOnlyList<RoundRecord> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        const int width = 820, height = 480, left = 70, right = 215, top = 40, bottom = 60;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var typeface = FontFiles.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null) ?? SKTypeface.Default;
            using var font = new SKFont(typeface, 14);
            using var titleFont = new SKFont(typeface, 17);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1, IsAntialias = true };
            float plotW = width - left - right, plotH = height - top - bottom;
            int maxRound = Math.Max(1, rounds.Count == 0 ? 1 : rounds.Max(r => r.Round));
            float X(int round) => left + (plotW * round / maxRound);
            float Y(double v) => top + (float)((1 - Math.Clamp(v, 0, 1)) * plotH);

            for (int p = 0; p <= 100; p += 20)
            {
                canvas.DrawLine(left, Y(p / 100.0), left + plotW, Y(p / 100.0), grid);
                canvas.DrawText(Inv($"{p} %"), left - 10, Y(p / 100.0) + 5, SKTextAlign.Right, font, ink);
            }
            for (int r = 0; r <= maxRound; r++)
            {
                canvas.DrawLine(X(r), top, X(r), top + plotH, grid);
                canvas.DrawText(Inv($"{r}"), X(r), top + plotH + 22, SKTextAlign.Center, font, ink);
            }
            canvas.DrawText("round (0 = start policy)", left + (plotW / 2), height - 12, SKTextAlign.Center, font, ink);
            canvas.DrawText("RLAIF-V rounds on held-out scenes", left + (plotW / 2), 26, SKTextAlign.Center, titleFont, ink);

            var series = new (string Name, SKColor Colour, Func<RoundRecord, double?> Value)[]
            {
                ("response halluc.", new SKColor(214, 39, 40), r => r.ResponseHallucination),
                ("claim halluc.", new SKColor(255, 127, 14), r => r.ClaimHallucination),
                ("coverage", new SKColor(31, 119, 180), r => r.Coverage),
                ("labeler agreement", new SKColor(44, 160, 44), r => r.LabelerAgreement),
            };
            for (int s = 0; s < series.Length; s++)
            {
                var (name, colour, value) = series[s];
                using var line = new SKPaint { Color = colour, StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke };
                using var dot = new SKPaint { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };
                SKPoint? previous = null;
                foreach (var r in rounds)
                {
                    if (value(r) is not { } v || double.IsNaN(v))
                    {
                        previous = null;
                        continue;
                    }
                    var point = new SKPoint(X(r.Round), Y(v));
                    if (previous is { } p) canvas.DrawLine(p, point, line);
                    canvas.DrawCircle(point, 4, dot);
                    previous = point;
                }
                float ly = top + 10 + (s * 24);
                canvas.DrawLine(width - right + 20, ly, width - right + 45, ly, line);
                canvas.DrawText(name, width - right + 52, ly + 5, SKTextAlign.Left, font, ink);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Pct(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("P1", CultureInfo.InvariantCulture) : "–";

    private static string Num(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("F1", CultureInfo.InvariantCulture) : "–";

    private static string Change(double from, double to) => from == 0 ? "n/a" : Inv($"{(to - from) / from:+0.0 %;-0.0 %}");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
