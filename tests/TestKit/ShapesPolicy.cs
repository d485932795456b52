using RlaifV.Stages.Ports;

namespace RlaifV.TestKit;

/// <summary>
/// A deterministic policy double: each row's text depends only on its seed. It names 1–4 coloured shapes
/// in simple declarative sentences; "purple" and "orange" shapes are the doubles' hallucinations (the
/// <see cref="ColourLabeler"/> rejects claims about them). Optionally slow, and counts calls and rows. With a
/// hallucination share, each shape is a hallucinated colour with that probability (a "trained" double: see the run
/// tests' trainer double, which lowers the share round by round).
/// </summary>
public sealed class ShapesPolicy(TimeSpan? delayPerCall = null, double? hallucinationShare = null) : IPolicySampler
{
    private static readonly string[] Colours = ["red", "blue", "green", "yellow", "purple", "orange"];
    private static readonly string[] Shapes = ["circle", "square", "star", "triangle"];
    private int calls;
    private int rows;

    /// <inheritdoc />
    public string ModelId => "shapes-policy";

    /// <summary>Policy calls made.</summary>
    public int Calls => calls;

    /// <summary>Rows sampled.</summary>
    public int Rows => rows;

    /// <inheritdoc />
    public async Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        Interlocked.Add(ref rows, batch.Count);
        if (delayPerCall is { } d) await Task.Delay(d, cancellationToken);
        return batch.Select(r => TextFor(r.Seed, hallucinationShare)).Select(t => new SampledText(t, t.Split(' ').Length)).ToList();
    }

    /// <summary>The text sampled for <paramref name="seed"/>.</summary>
    public static string TextFor(long seed, double? hallucinationShare = null)
    {
        var rng = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var count = rng.Next(1, 5);
        var sentences = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var colour = hallucinationShare is { } share
                ? (rng.NextDouble() < share ? Colours[4 + rng.Next(2)] : Colours[rng.Next(4)])
                : Colours[rng.Next(Colours.Length)];
            sentences.Add($"There is a {colour} {Shapes[rng.Next(Shapes.Length)]}.");
        }
        return string.Join(' ', sentences);
    }
}
