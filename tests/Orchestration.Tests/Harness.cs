using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Orchestration.Tests;

/// <summary>Options and models for whole-graph tests (the stage settings of <see cref="Graphs"/>).</summary>
internal static class Harness
{
    public static RunJobOptions Options(string outDir, int n = 10, string imageRoot = ".") =>
        new() { Stages = Graphs.Stages(n, imageRoot), Output = Graphs.Output(outDir) };

    /// <summary>The doubles with Models' real image decoder (SkiaSharp).</summary>
    public static ModelSet Models(IPolicySampler? policy = null, IYesNoLabeler? labeler = null) => Graphs.Models(policy, labeler, new RlaifV.Models.SkiaImageDecoder());

    /// <summary>The pair ids the method's rules predict for the doubles, computed prompt by prompt.</summary>
    public static IReadOnlyList<string> ExpectedPairIds(IEnumerable<string> promptIds, RunJobOptions o) => Graphs.ExpectedPairIds(promptIds, o.Stages);
}
