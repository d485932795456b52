using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv generate</c> with <c>input.source: kafka</c> (or <c>--source kafka</c>): a generator service on
/// the round's topics; with <c>--until-caught-up</c> a batch job that ends at the prompts topic's end
/// offsets seen at start and records the round complete. An <c>input.path</c> given is loaded onto the
/// prompts topic first (the way to feed the embedded broker, which lives only in this process).
/// </summary>
public static class KafkaGenerateCommand
{
    /// <summary>Runs the verb with validated options.</summary>
    public static async Task<int> RunAsync(PipelineOptions options, bool untilCaughtUp, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var stop = run.Stop;
        using var environment = KafkaEnvironment.Open(options.Kafka, run.Loggers);
        run.Progress.WriteLine($"kafka: {(options.Kafka.IsEmbedded ? "embedded broker at " : string.Empty)}{environment.BootstrapServers}, round {options.Run.Round}, group {KafkaGenerationJob.GroupOf(environment.Topics, options.Run.Round)}");
        var metrics = new PipelineMetrics();
        if (!string.IsNullOrWhiteSpace(options.Input.Path))
        {
            var (loaded, rejected) = await PromptLoader.LoadAsync(environment, PromptFiles.Open(options.Input.Path, options.Input.Format, options.Ingest), options.Ingest, new RlaifV.Models.SkiaImageDecoder(), stop, metrics);
            run.Progress.WriteLine($"loaded {loaded} prompts onto {environment.Topics.Prompts} ({rejected} records dead-lettered)");
        }

        using var server = MetricsEndpoint.Start(options.Metrics, metrics.Registry, run.Progress);
        var summary = await KafkaGenerationJob.RunAsync(options.ToStageOptions(), options.Output, environment, options.Models.Policy.Path,
            path => new ConfiguredModels(options, run.ModelsFor(metrics)).Build(options.Run.Round, path), untilCaughtUp, metrics, GenerateCommand.Progress(run), stop);
        run.Progress.Complete();
        await run.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"done: {summary.Processed} prompts processed, {summary.Rejected} rejected, {summary.Redelivered} redelivered, {summary.Pairs} pairs, {summary.DeadLetters} dead letters in {summary.Seconds:F1} s (policy {summary.Policy.Uri})"));
        if (summary.Complete is { } c)
            await run.Out.WriteLineAsync($"round {c.Round} generation complete: {c.PairCount} distinct pairs on {c.PairsTopic} up to [{string.Join(", ", c.EndOffsets.Select(e => $"{e.Partition}:{e.Offset}"))}]");
        foreach (var file in summary.Files) await run.Out.WriteLineAsync($"  {file}");
        return ExitCodes.Ok;
    }
}
