using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Ports;
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
    public static async Task<int> RunAsync(PipelineOptions options, bool untilCaughtUp, Func<PipelineOptions, ModelSet> buildModels, TextWriter stdout, TextWriter stderr)
    {
        using var signals = new StopSignals(stderr);
        using var environment = KafkaEnvironment.Open(options.Kafka);
        await stderr.WriteLineAsync($"kafka: {(options.Kafka.IsEmbedded ? "embedded broker at " : string.Empty)}{environment.BootstrapServers}, round {options.Run.Round}, group {KafkaGenerationJob.GroupOf(environment.Topics, options.Run.Round)}");
        if (!string.IsNullOrWhiteSpace(options.Input.Path))
        {
            var (loaded, rejected) = await PromptLoader.LoadAsync(environment, PromptFiles.Open(options.Input.Path, options.Input.Format), options.Ingest, signals.Token);
            await stderr.WriteLineAsync($"loaded {loaded} prompts onto {environment.Topics.Prompts} ({rejected} records dead-lettered)");
        }

        var metrics = new PipelineMetrics();
        using var server = await MetricsEndpoint.StartAsync(options.Metrics, metrics.Registry, stderr);
        try
        {
            var summary = await KafkaGenerationJob.RunAsync(options.ToStageOptions(), options.Output, environment, options.Models.Policy.Path,
                new ConfiguredModels(options, buildModels).Build, untilCaughtUp, metrics,
                GenerateCommand.Progress(stderr),
                signals.Token);
            await stderr.WriteLineAsync();
            await stdout.WriteLineAsync($"done: {summary.Processed} prompts processed, {summary.Rejected} rejected, {summary.Redelivered} redelivered, {summary.Pairs} pairs, {summary.DeadLetters} dead letters in {summary.Seconds:F1} s (policy {summary.Policy.Uri})");
            if (summary.Complete is { } c)
                await stdout.WriteLineAsync($"round {c.Round} generation complete: {c.PairCount} distinct pairs on {c.PairsTopic} up to [{string.Join(", ", c.EndOffsets.Select(e => $"{e.Partition}:{e.Offset}"))}]");
            foreach (var file in summary.Files) await stdout.WriteLineAsync($"  {file}");
            return ExitCodes.Ok;
        }
        catch (StageException e)
        {
            await stderr.WriteLineAsync();
            await stderr.WriteLineAsync($"rlaifv generate: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
