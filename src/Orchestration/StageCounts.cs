using System.Globalization;
using RlaifV.Stages;
using RlaifV.Stages.Flow;

namespace RlaifV.Orchestration;

/// <summary>Items each stage has emitted since this object was made (the progress display of one round).</summary>
internal sealed class StageCounts(PipelineMetrics metrics)
{
    private static readonly (string Stage, string Label)[] Shown =
    [
        (SampleStage.Name, "sampled"),
        (ExtractStage.Name, "split"),
        (RewriteStage.Name, "asked"),
        (VerifyStage.Name, "judged"),
    ];

    private readonly double[] start = Shown.Select(s => metrics.ItemsOut.WithLabels(s.Stage).Value).ToArray();

    public override string ToString() => string.Join(", ", Shown.Select((s, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{metrics.ItemsOut.WithLabels(s.Stage).Value - start[i]:F0} {s.Label}")));
}
