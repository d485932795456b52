using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Ports;
using RlaifV.Training;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv run</c>: every round end to end (<see cref="RunJob"/>), resuming after the last finished round; writes
/// <c>{output.dir}/summary.json</c>, <c>report.md</c> and <c>report.png</c>. Prompts come from the built-in world
/// (<c>input.source: world</c>, the committed pipeline.yaml) or from slices of <c>input.path</c>.
/// </summary>
public static class RunCommand
{
    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(Arguments args, Func<PipelineOptions, ModelSet>? buildModels, IRoundTrainer? trainer, TextWriter stdout, TextWriter stderr)
    {
        var options = args.LoadOptions();
        var (prompts, evaluator) = RoundInputs.For(options);

        using var signals = new StopSignals(stderr);
        var metrics = new PipelineMetrics();
        using var server = await MetricsEndpoint.StartAsync(options.Metrics, metrics.Registry, stderr);
        using var loggers = Loggers.Create();
        var job = new RunJob(options.ToRunJobOptions(), new ConfiguredModels(options, buildModels ?? ModelFactory.Build),
            trainer ?? new DpoRoundTrainer(loggers, new TrainingMetrics(metrics.Registry)), prompts, evaluator, stderr, metrics);
        try
        {
            var records = await job.RunAsync(signals.Token);
            var (md, png, text) = RunReport.Write(options.Output.Dir, records, evaluator?.Describe());
            await stdout.WriteLineAsync(text.Split("![", 2)[0].TrimEnd());
            await stdout.WriteLineAsync();
            await stdout.WriteLineAsync($"wrote {job.Ledger.SummaryPath}, {md}, {png}; pairs under {Path.Combine(options.Output.Dir, "pairs")}");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            await stderr.WriteLineAsync();
            await stderr.WriteLineAsync("rlaifv run: stopped; rerun the same command to resume after the last finished round");
            return ExitCodes.Ok;
        }
        catch (StageException e)
        {
            await stderr.WriteLineAsync();
            await stderr.WriteLineAsync($"rlaifv run: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (TrainingException e)
        {
            await stderr.WriteLineAsync($"rlaifv run: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
