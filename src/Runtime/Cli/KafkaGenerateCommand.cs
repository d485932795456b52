using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Orchestration;
using RlaifV.Orchestration.Roles;
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
        if (untilCaughtUp && !summary.CaughtUp)
        {
            // A bounded generator stopped before its round was done: what was finished is committed, the round is not complete.
            run.Progress.WriteLine($"rlaifv generate: stopped before round {options.Run.Round} was done (finished prompts are committed; rerun to finish it)");
            return ExitCodes.Stopped;
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// <c>rlaifv generate --follow</c>: the generator role (<see cref="GeneratorRole"/>) until stopped. A stop ends reading,
    /// drains what is in flight and commits it: the service is done (exit 0); the round's other generators, or this one
    /// restarted, finish the round.
    /// </summary>
    public static async Task<int> FollowAsync(PipelineOptions options, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        using var host = RoleHost.Open(options, run, RoleKind.Generator);
        var role = new GeneratorRole(options.ToRunJobOptions(), new ConfiguredModels(options, run.ModelsFor(host.Metrics)), host.Environment, host.Metrics, host.Status, run.Output.Status, alone: false);
        try
        {
            await role.RunAsync(run.Stop);
        }
        catch (OperationCanceledException) when (run.Stopping)
        {
            run.Progress.WriteLine("rlaifv generate --follow: stopped; reading ended, work in flight drained and committed");
        }
        return ExitCodes.Ok;
    }
}
