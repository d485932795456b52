using RlaifV.Runtime.Config;
using RlaifV.Runtime.Pipeline;
using RlaifV.Runtime.Rounds;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
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
    /// <summary>Each round's prompts, and the evaluator when the prompts have ground truth (the world).</summary>
    private static (IRoundPrompts Prompts, IRunEvaluator? Evaluator) Inputs(PipelineOptions options)
    {
        switch (options.Input.Source)
        {
            case "world":
                var world = new WorldRounds(options.World, options.Run.PromptsPerRound);
                return (world, options.World.HeldOut > 0 ? world : null);
            case "file":
                if (string.IsNullOrWhiteSpace(options.Input.Path)) throw new ConfigException("input.path is empty: rlaifv run takes each round's prompts from input.path (run.prompts_per_round records per round), or set input.source: world");
                return (new FileRoundPrompts(options.Input, options.Run.PromptsPerRound), null);
            default:
                throw new ConfigException($"input.source = {options.Input.Source}: rlaifv run puts each round's prompts on the prompts topic itself; use file (with input.path) or world");
        }
    }

    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(Arguments args, Func<PipelineOptions, ModelSet>? buildModels, IRoundTrainer? trainer, TextWriter stdout, TextWriter stderr)
    {
        var options = args.LoadOptions();
        var (prompts, evaluator) = Inputs(options);

        using var signals = new StopSignals(stderr);
        var metrics = new PipelineMetrics();
        using var server = await GenerateCommand.StartMetricsAsync(options.Metrics, metrics, stderr);
        var job = new RunJob(options, buildModels ?? ModelFactory.Build, trainer ?? new DpoRoundTrainer(new TrainingMetrics(metrics.Registry)), prompts, evaluator, stderr, metrics);
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
