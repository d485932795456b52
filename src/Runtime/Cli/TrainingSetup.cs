using Microsoft.Extensions.Logging;
using RlaifV.Runtime.Config;
using RlaifV.Training;

namespace RlaifV.Runtime.Cli;

/// <summary>Maps the <c>training</c> and <c>models</c> config sections onto the training library's options (train and bon verbs).</summary>
internal static class TrainingSetup
{
    /// <summary>The DPO settings of <c>training</c>.</summary>
    public static DpoOptions Dpo(TrainingOptions t) => new()
    {
        Beta = t.Beta,
        SftWeight = t.SftWeight,
        LearningRate = t.LearningRate > 0 ? t.LearningRate : t.Lora.Enabled ? DpoOptions.LoraLearningRate : DpoOptions.FullFineTuneLearningRate,
        Lora = t.Lora.Enabled ? new LoraOptions { Rank = t.Lora.Rank, Alpha = t.Lora.Alpha, Targets = t.Lora.Targets } : null,
        Epochs = t.Epochs,
        GlobalBatch = t.GlobalBatch,
        MicroBatch = t.MicroBatch,
        WeightDecay = t.WeightDecay,
        WarmupRatio = t.WarmupRatio,
        MaxGradNorm = t.MaxGradNorm,
        Seed = t.Seed,
        SaveStateEvery = t.SaveStateEvery,
        Trainable = t.Trainable.Aggregate(TrainablePart.None, (parts, name) => parts | name switch
        {
            "vision_tower" => TrainablePart.VisionTower,
            "projector" => TrainablePart.Projector,
            _ => TrainablePart.LanguageModel,
        }),
    };

    /// <summary>Round <paramref name="round"/>'s training job settings, starting from the policy at <paramref name="policy"/>.</summary>
    public static RoundTrainingOptions Round(PipelineOptions options, int round, string policy) => new()
    {
        Round = round,
        Policy = Pipeline.ModelFactory.ToBackendOptions(options.Models.Policy, policy),
        CheckpointsDirectory = options.Training.CheckpointsDir,
        Dpo = Dpo(options.Training),
        MinPairs = options.Training.MinPairs,
        LengthBalance = options.Training.LengthBalance,
        MaxTokens = options.Training.MaxTokens,
        ReferenceBatchPairs = options.Training.ReferenceBatch,
    };

    /// <summary>Logs to standard error (standard output carries the verb's results).</summary>
    public static ILoggerFactory Loggers() => LoggerFactory.Create(b => b
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
        .AddFilter("RlaifV", LogLevel.Information)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
