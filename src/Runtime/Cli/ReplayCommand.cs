using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Orchestration;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;

namespace RlaifV.Runtime.Cli;

/// <summary><c>rlaifv replay --from candidates|verdicts --variant NAME</c>: re-runs the stages after a round's topic.</summary>
public static class ReplayCommand
{
    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("replay", "replay",
            "Re-run the stages after round N's candidates (extract, questions, verify, pair) or verdicts (pair) topic with the " +
            "configured settings, without sampling, into variant topics rNNNN.verdicts-NAME / rNNNN.pairs-NAME (+ Parquet when output.parquet).",
            "rlaifv replay --from candidates|verdicts --variant NAME [--round N] [--config FILE] [--bootstrap HOST:PORT]");
        var config = new ConfigOptions(verb, ConfigOverride.Round | ConfigOverride.Bootstrap | ConfigOverride.Output);
        var from = CliOption.OneOf("--from", "the round's topic to start after", "candidates", "verdicts");
        from.Required = true;
        var variant = CliOption.Text("--variant", "NAME", "name of the output topics (lower-case letters, digits and dashes, starting with a letter)");
        variant.Required = true;
        variant.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } v && !TopicNames.IsValidComponent(v))
                r.AddError($"--variant = '{v}': allowed is lower-case letters, digits and dashes, starting with a letter");
        });
        verb.Options.Add(from);
        verb.Options.Add(variant);
        verb.SetHandler(services, global, run =>
            RunAsync(config.Bind(run.Parse).LoadOptions(), run.Get(from) == "candidates" ? ReplayStart.Extract : ReplayStart.Pair, run.Get(variant)!, run));
        return verb;
    }

    /// <summary>Runs the verb with validated options.</summary>
    public static async Task<int> RunAsync(PipelineOptions options, ReplayStart start, string variant, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        using var environment = KafkaEnvironment.Open(options.Kafka, run.Loggers);
        var metrics = new PipelineMetrics();
        var counts = new StageCounts(metrics, StageCounts.AfterSampling);
        using var models = run.ModelsFor(metrics)(options);
        ReplaySummary summary;
        using (run.Progress.Follow(() => $"replay: {counts}"))
        {
            summary = await ReplayJob.RunAsync(options.ToStageOptions(), options.Output, environment, models, start, variant, metrics, run.Stop);
        }
        await run.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"replayed {summary.InputTopic}: {summary.Prompts} prompts, {summary.Candidates} candidates → {summary.Pairs} pairs on {summary.PairsTopic}{(summary.VerdictsTopic is null ? string.Empty : $" (verdicts on {summary.VerdictsTopic})")}, {summary.MissingPrompts} prompts missing, {summary.Seconds:F1} s"));
        foreach (var file in summary.Files) await run.Out.WriteLineAsync($"  {file}");
        return ExitCodes.Ok;
    }
}
