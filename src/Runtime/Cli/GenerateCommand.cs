using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Sources;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv generate</c>: file mode. Reads prompts, runs the graph, writes Parquet pairs and dead letters,
/// serves metrics, prints progress. Ctrl+C / SIGTERM stops reading and drains; a second one aborts.
/// </summary>
public static class GenerateCommand
{
    /// <summary>Runs the verb.</summary>
    /// <param name="args">The parsed options.</param>
    /// <param name="stdout">Summary output.</param>
    /// <param name="stderr">Progress and errors.</param>
    /// <param name="buildModels">Builds the models (default <see cref="ModelFactory.Build"/>).</param>
    public static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, Func<PipelineOptions, ModelSet>? buildModels = null)
    {
        var options = args.LoadOptions();
        buildModels ??= ModelFactory.Build;
        if (options.Input.Source == InputSource.Kafka) return await KafkaGenerateCommand.RunAsync(options, args.UntilCaughtUp, buildModels, stdout, stderr);
        if (args.UntilCaughtUp) throw new ArgumentException("--until-caught-up needs --source kafka (a file run always ends at the end of the file)");
        var source = options.Input.Source == InputSource.World
            ? RoundInputs.For(options).Prompts.Open(options.Run.Round)
            : PromptFiles.Open(options.Input.Path, options.Input.Format);
        using var models = buildModels(options);

        using var signals = new StopSignals(stderr);
        var metrics = new PipelineMetrics();
        using var server = await MetricsEndpoint.StartAsync(options.Metrics, metrics.Registry, stderr);

        try
        {
            var summary = await GenerationJob.RunAsync(options.ToStageOptions(), options.Output, models, source, metrics, Progress(stderr), signals.Token);
            await stderr.WriteLineAsync();
            await stdout.WriteLineAsync($"done: {summary.Processed} prompts processed, {summary.Rejected} rejected, {summary.Pairs} pairs, {summary.DeadLetters} dead letters in {summary.Seconds:F1} s");
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

    /// <summary>The one-line progress display of a generation run.</summary>
    internal static Action<PromptAccounting, long> Progress(TextWriter stderr) =>
        (a, pairs) => stderr.Write($"\rprompts: {a.AdmittedCount} read, {a.ProcessedCount} done, {a.RejectedCount} rejected, {pairs} pairs   ");
}
