using System.Diagnostics;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Sinks;
using RlaifV.Stages.Sources;

namespace RlaifV.Orchestration;

/// <summary>
/// One file-mode generation run: source → topology → Parquet pairs + JSONL dead letters. The models are
/// given; building them from configuration is the caller's business (the CLI, or tests with doubles).
/// </summary>
public static class GenerationJob
{
    /// <summary>Runs to completion (or graceful stop); a stage fault throws <see cref="StageException"/>.</summary>
    /// <param name="stages">The stages' settings.</param>
    /// <param name="output">Where pairs and dead letters go.</param>
    /// <param name="models">The models.</param>
    /// <param name="source">The prompts.</param>
    /// <param name="metrics">Metrics (the caller may serve its registry).</param>
    /// <param name="progress">Called about every second with the accounting, for a progress display; may be null.</param>
    /// <param name="stop">Graceful stop.</param>
    public static async Task<GenerationSummary> RunAsync(
        StageOptions stages, OutputOptions output, ModelSet models, IPromptSource source, PipelineMetrics metrics,
        Action<PromptAccounting, long>? progress, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(output.Dir);
        var dlqPath = Path.IsPathRooted(output.DeadLetters) ? output.DeadLetters : Path.Combine(output.Dir, output.DeadLetters);
        await using var dlq = new JsonlDeadLetterSink(dlqPath);
        await using var sink = new ParquetPairSink(output, source.Name);
        var accounting = new PromptAccounting(metrics);
        using var abort = new CancellationTokenSource();
        var topology = Topology.Build(stages, models, sink, new DeadLetters(dlq, metrics), accounting, metrics, abort.Token);
        using var ticker = progress is null ? null : new Timer(_ => progress(accounting, sink.PairCount), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await PipelineRunner.RunAsync(source, topology, accounting, abort, stop);
        progress?.Invoke(accounting, sink.PairCount);
        return new GenerationSummary(
            accounting.AdmittedCount, accounting.ProcessedCount, accounting.RejectedCount, sink.PairCount, dlq.Count,
            sink.WrittenFiles, accounting.MaxInFlight, topology.Capacity, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
