using RlaifV.Orchestration;
using RlaifV.Orchestration.Roles;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Flow;
using RlaifV.Training;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv run</c>: every round end to end (<see cref="RunJob"/>), resuming after the last finished round; writes
/// <c>{output.dir}/summary.json</c>, <c>report.md</c> and <c>report.png</c>. Prompts come from the built-in world
/// (<c>input.source: world</c>, the committed pipeline.yaml) or from slices of <c>input.path</c>.
/// </summary>
public static class RunCommand
{
    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("run", "run",
            "The whole method, round after round: generate round r with policy r through Kafka (the embedded broker by default), " +
            "train policy r+1 with DPO on the round's pairs, measure it; resumes after the last finished round. With the committed " +
            "pipeline.yaml: the built-in world (4 rounds). Writes {output.dir}/summary.json, report.md, report.png, pairs/.",
            "rlaifv run [--config FILE] [--rounds N] [--prompts-per-round N] [--held-out N] [--output DIR]")
        {
            StopNote = "stopped; rerun the same command to resume after the last finished round",
            StopExitCode = ExitCodes.Stopped,
        };
        var config = new ConfigOptions(verb, Overrides);
        verb.SetHandler(services, global, run => RunAsync(config.Bind(run.Parse).LoadOptions(), run));
        return verb;
    }

    /// <summary>The overrides of the verbs that run rounds (<c>run</c> and <c>coordinate</c>).</summary>
    internal const ConfigOverride Overrides = ConfigOverride.Input | ConfigOverride.Output | ConfigOverride.Source | ConfigOverride.Bootstrap
        | ConfigOverride.Rounds | ConfigOverride.PromptsPerRound | ConfigOverride.HeldOut;

    /// <summary>Writes report.md and report.png beside summary.json and prints the report's table and what was written.</summary>
    internal static async Task WriteReportAsync(Invocation run, string outputDir, IReadOnlyList<RoundRecord> records, string? evaluation, string summaryPath, string more = "")
    {
        var (md, png, text) = RunReport.Write(outputDir, records, evaluation);
        await run.Out.WriteLineAsync(text.Split("![", 2)[0].TrimEnd());
        await run.Out.WriteLineAsync();
        await run.Out.WriteLineAsync($"wrote {summaryPath}, {md}, {png}{more}");
    }

    /// <summary>Runs the verb with validated options.</summary>
    public static async Task<int> RunAsync(PipelineOptions options, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var (prompts, evaluator) = RoundInputs.For(options);
        var metrics = new PipelineMetrics();
        var status = new RoleStatus(RoleKind.Run, metrics.Registry, TimeSpan.FromSeconds(options.Health.StallSeconds));
        using var server = MetricsEndpoint.Start(options.Metrics, metrics.Registry, run.Progress, status);
        var trainer = run.Trainer ?? new DpoRoundTrainer(run.Loggers, new TrainingMetrics(metrics.Registry));
        var job = new RunJob(options.ToRunJobOptions(), new ConfiguredModels(options, run.ModelsFor(metrics)), trainer, prompts, evaluator, run.Output.Status, metrics, status);
        var records = await job.RunAsync(run.Stop);
        await WriteReportAsync(run, options.Output.Dir, records, evaluator?.Describe(), job.Ledger.SummaryPath, $"; pairs under {Path.Combine(options.Output.Dir, "pairs")}");
        await MetricsEndpoint.LingerAsync(options.Metrics, server, run.Stop);
        return ExitCodes.Ok;
    }
}
