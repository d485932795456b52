using System.Globalization;
using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Sources;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv generate</c>: file mode. Reads prompts, runs the graph, writes Parquet pairs and dead letters,
/// serves metrics, shows progress. Ctrl+C / SIGTERM stops reading and drains; a second one aborts. With
/// <c>--source kafka</c>: <see cref="KafkaGenerateCommand"/>.
/// </summary>
public static class GenerateCommand
{
    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("generate", "generate",
            "Run the pipeline over a prompts file (JSONL or Parquet) and write pairs as Parquet, or (--source kafka) consume the " +
            "prompts topic and produce the round's topics.",
            "rlaifv generate [--config FILE] [--input FILE] [--output DIR] [--round N] [--source file|kafka|world] [--bootstrap HOST:PORT] [--until-caught-up]\n" +
            "rlaifv generate --follow [--config FILE] [--bootstrap HOST:PORT]");
        var config = new ConfigOptions(verb, ConfigOverride.Input | ConfigOverride.Output | ConfigOverride.Round | ConfigOverride.Source
            | ConfigOverride.Bootstrap | ConfigOverride.PromptsPerRound);
        var untilCaughtUp = CliOption.Flag("--until-caught-up",
            "kafka: stop at the prompts topic's end offsets seen at start, record the round complete on the control topic, export Parquet");
        verb.Options.Add(untilCaughtUp);
        var follow = CliOption.Flag("--follow",
            "a long-running Kafka generator: follows the control topic, generates each round the coordinator opens with that round's policy " +
            "(checked by digest), idles between rounds; replicas split the partitions. SIGTERM drains, commits and exits 0");
        verb.Options.Add(follow);
        verb.SetHandler(services, global, run =>
        {
            var options = config.Bind(run.Parse).LoadOptions();
            if (!run.Get(follow)) return RunAsync(options, run.Get(untilCaughtUp), run);
            if (run.Get(untilCaughtUp)) throw new UsageException("--follow and --until-caught-up exclude each other (a follower ends only when stopped)");
            return KafkaGenerateCommand.FollowAsync(options, run);
        });
        return verb;
    }

    /// <summary>Runs the verb with validated options.</summary>
    public static async Task<int> RunAsync(PipelineOptions options, bool untilCaughtUp, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        if (options.Input.Source == InputSource.Kafka) return await KafkaGenerateCommand.RunAsync(options, untilCaughtUp, run);
        if (untilCaughtUp) throw new UsageException("--until-caught-up needs --source kafka (a file run always ends at the end of the file)");
        var source = options.Input.Source == InputSource.World
            ? RoundInputs.For(options).Prompts.Open(options.Run.Round)
            : PromptFiles.Open(options.Input.Path, options.Input.Format, options.Ingest);
        var metrics = new PipelineMetrics();
        using var models = run.ModelsFor(metrics)(options);
        using var server = MetricsEndpoint.Start(options.Metrics, metrics.Registry, run.Progress);

        var summary = await GenerationJob.RunAsync(options.ToStageOptions(), options.Output, models, source, metrics, Progress(run), run.Stop);
        run.Progress.Complete();
        await run.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"done: {summary.Processed} prompts processed, {summary.Rejected} rejected, {summary.Pairs} pairs, {summary.DeadLetters} dead letters in {summary.Seconds:F1} s"));
        foreach (var file in summary.Files) await run.Out.WriteLineAsync($"  {file}");
        await MetricsEndpoint.LingerAsync(options.Metrics, server, run.Stop);
        return ExitCodes.Ok;
    }

    /// <summary>The status of a generation run, e.g. "prompts: 120 read, 100 done, 0 rejected, 80 pairs".</summary>
    internal static Action<PromptAccounting, long> Progress(Invocation run) =>
        (a, pairs) => run.Progress.Report($"prompts: {a.AdmittedCount} read, {a.ProcessedCount} done, {a.RejectedCount} rejected, {pairs} pairs");
}
