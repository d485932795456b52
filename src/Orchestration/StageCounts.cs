using System.Globalization;
using RlaifV.Stages;
using RlaifV.Stages.Flow;

namespace RlaifV.Orchestration;

/// <summary>
/// Items some stages have emitted since this object was made, as a status ("40 sampled, 12 split, 40 asked, 38 judged"):
/// the progress display of a round's generation (<see cref="Generation"/>) and of a replay (<see cref="AfterSampling"/>).
/// </summary>
public sealed class StageCounts
{
    /// <summary>The stages of a round's generation.</summary>
    public static readonly IReadOnlyList<(string Stage, string Label)> Generation =
    [
        (SampleStage.Name, "sampled"),
        (ExtractStage.Name, "split"),
        (RewriteStage.Name, "asked"),
        (VerifyStage.Name, "judged"),
    ];

    /// <summary>The stages a replay runs (after sampling).</summary>
    public static readonly IReadOnlyList<(string Stage, string Label)> AfterSampling =
    [
        (ExtractStage.Name, "split"),
        (RewriteStage.Name, "asked"),
        (VerifyStage.Name, "judged"),
        (PairStage.Name, "paired"),
    ];

    private readonly PipelineMetrics metrics;
    private readonly IReadOnlyList<(string Stage, string Label)> shown;
    private readonly double[] start;

    /// <summary>Counts the <paramref name="shown"/> stages (stage name, label) of <paramref name="metrics"/> from now on.</summary>
    public StageCounts(PipelineMetrics metrics, IReadOnlyList<(string Stage, string Label)> shown)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(shown);
        this.metrics = metrics;
        this.shown = shown;
        start = shown.Select(s => metrics.ItemsOut.WithLabels(s.Stage).Value).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", shown.Select((s, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{metrics.ItemsOut.WithLabels(s.Stage).Value - start[i]:F0} {s.Label}")));
}
