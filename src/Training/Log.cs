using Microsoft.Extensions.Logging;

namespace RlaifV.Training;

/// <summary>
/// The training log messages. Per-step and per-phase detail is Debug (shown with <c>rlaifv --verbose</c>): the verbs print
/// one summary line per round from the job's result. A resumed run and a dead-lettered pair stay visible by default.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "step {Step}/{Total} epoch {Epoch}: loss {Loss:F4}, margin {Margin:F4}, accuracy {Accuracy:F2}, chosen {Chosen:F4}, rejected {Rejected:F4}, lr {LearningRate:E2}, grad norm {GradNorm:F3}, {TokensPerSecond:F0} tokens/s")]
    public static partial void Step(ILogger logger, int step, int total, int epoch, double loss, double margin, double accuracy, double chosen, double rejected, double learningRate, double gradNorm, double tokensPerSecond);

    [LoggerMessage(2, LogLevel.Information, "Resumed training at step {Step} of {Total} from {Directory}")]
    public static partial void Resumed(ILogger logger, int step, int total, string directory);

    [LoggerMessage(3, LogLevel.Debug, "Saved training state at step {Step} to {Directory}")]
    public static partial void StateSaved(ILogger logger, int step, string directory);

    [LoggerMessage(4, LogLevel.Debug, "Training {Parameters} parameters ({Parts}) on {Pairs} pairs: {Total} steps of {GlobalBatch} pairs, warm-up {Warmup} steps")]
    public static partial void Started(ILogger logger, long parameters, string parts, int pairs, int total, int globalBatch, int warmup);

    [LoggerMessage(5, LogLevel.Warning, "Pair {PairId} dead-lettered ({Reason}): {Detail}")]
    public static partial void DeadLettered(ILogger logger, string pairId, string reason, string detail);

    [LoggerMessage(6, LogLevel.Debug, "Round {Round}: {Read} records read, {Malformed} malformed, {Duplicates} duplicates dropped, length balance (cut {Cut}) kept {Kept}")]
    public static partial void RoundRead(ILogger logger, int round, int read, int malformed, int duplicates, double cut, int kept);

    [LoggerMessage(7, LogLevel.Debug, "Reference log-probs: {Cached} cached, {Computed} computed by {Reference}")]
    public static partial void ReferenceLogProbs(ILogger logger, int cached, int computed, string reference);

    [LoggerMessage(8, LogLevel.Debug, "Saved checkpoint {Directory} (weights sha256 {Sha256})")]
    public static partial void CheckpointSaved(ILogger logger, string directory, string sha256);

    [LoggerMessage(9, LogLevel.Information, "Policy {Round}: the {Selection} saved checkpoint chosen, step {Step} (candidates by step: {Scores})")]
    public static partial void CheckpointSelected(ILogger logger, int round, string selection, int step, string scores);
}
