using System.Globalization;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Pipeline;
using RlaifV.Runtime.Rounds;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Training;

namespace RlaifV.Runtime.Cli;

/// <summary><c>rlaifv world ablate</c>: the ablation table on the built-in world (<see cref="Ablation"/>).</summary>
public static class AblateCommand
{
    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(Arguments args, Func<PipelineOptions, ModelSet>? buildModels, IRoundTrainer? trainer, TextWriter stdout, TextWriter stderr)
    {
        var options = args.LoadOptions();
        if (options.Input.Source != "world") throw new ConfigException($"input.source = {options.Input.Source}: world ablate runs on the built-in world (input.source: world)");
        if (options.World.HeldOut < 1) throw new ConfigException("world.held_out = 0: the ablation measures policies on held-out scenes; set it to at least 1");
        var directory = Path.Combine(options.Output.Dir, "ablation");
        using var signals = new StopSignals(stderr);
        var ablation = new Ablation(options, buildModels ?? ModelFactory.Build, trainer ?? new DpoRoundTrainer(), stderr);
        try
        {
            var rows = await ablation.RunAsync(directory, args.N ?? options.Training.BonN, signals.Token);
            await stdout.WriteLineAsync(Ablation.Markdown(rows, args.N ?? options.Training.BonN));
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(directory, "ablation.md")} and ablation.json"));
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("rlaifv world ablate: stopped; rerun the same command to resume");
            return ExitCodes.Ok;
        }
        catch (TrainingException e)
        {
            await stderr.WriteLineAsync($"rlaifv world ablate: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
