using RlaifV.World.Pretraining;

namespace RlaifV.World.Tests.Pretraining;

/// <summary>A very small model shape and budget for fast pretraining tests (one torch thread).</summary>
internal static class PretrainTestOptions
{
    public static PretrainOptions Tiny { get; } = new()
    {
        Seed = 5,
        PolicySteps = 3,
        LabelerSteps = 2,
        BatchSize = 4,
        HiddenSize = 32,
        IntermediateSize = 64,
        Layers = 1,
        Heads = 2,
        KeyValueHeads = 1,
        VisionHiddenSize = 32,
        VisionLayers = 2,
        EvaluationCount = 4,
        MaxNewTokens = 12,
        Threads = 1,
    };

    public static string NewDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rlaifv-pretrain-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
