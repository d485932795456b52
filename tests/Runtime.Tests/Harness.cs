using RlaifV.Runtime.Config;
using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Runtime.Tests;

/// <summary>Options and models for whole-graph tests (the stage settings of <see cref="Graphs"/>).</summary>
internal static class Harness
{
    public static PipelineOptions Options(string outDir, int n = 10, string imageRoot = ".")
    {
        var stages = Graphs.Stages(n, imageRoot);
        return new()
        {
            Run = new RunOptions { Round = stages.Run.Round, GlobalSeed = stages.Run.GlobalSeed },
            Ingest = stages.Ingest,
            Sampling = stages.Sampling,
            Claims = stages.Claims,
            Questions = stages.Questions,
            Labeler = stages.Labeler,
            Pairing = stages.Pairing,
            Output = Graphs.Output(outDir),
            Metrics = new MetricsOptions { Enabled = false },
        };
    }

    public static ModelSet Models(IPolicySampler? policy = null, IYesNoLabeler? labeler = null) => Graphs.Models(policy, labeler);

    /// <summary>The pair ids the method's rules predict for the doubles, computed prompt by prompt.</summary>
    public static IReadOnlyList<string> ExpectedPairIds(IEnumerable<string> promptIds, PipelineOptions o) => Graphs.ExpectedPairIds(promptIds, o.ToStageOptions());
}
