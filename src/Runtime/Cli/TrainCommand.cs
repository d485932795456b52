using System.Globalization;
using System.Runtime.InteropServices;
using Prometheus;
using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Hosting;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Options;
using RlaifV.Training;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv train --round r</c>: DPO on round r's pairs (<c>{output.dir}/pairs/rlaifv/round-r</c>) starting from round r's
/// policy (<c>{training.checkpoints_dir}/round-r</c> when it exists, else <c>models.policy.path</c>), writing
/// <c>round-(r+1)</c> and publishing it in <c>latest.json</c>. Ctrl+C / SIGTERM saves the training state and exits;
/// rerunning the same command resumes. Dead letters go to <c>{output.dir}/train-dead-letters-rNNNN.jsonl</c>.
/// </summary>
public static class TrainCommand
{
    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var options = args.LoadOptions();
        int round = options.Run.Round;
        var t = options.Training;
        string own = Path.Combine(t.CheckpointsDir, string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}"));
        string policy = File.Exists(Path.Combine(own, "config.json")) ? own : options.Models.Policy.Path;
        if (string.IsNullOrWhiteSpace(policy) || !Directory.Exists(policy))
        {
            throw new ConfigException($"models.policy.path = '{options.Models.Policy.Path}': round {round}'s policy is needed (no {own} either); set it to a checkpoint folder");
        }

        var backend = ModelFactory.ToBackendOptions(options.Models.Policy, policy);
        var dpo = t.ToDpoOptions();
        var pairs = PairFileLayout.ProfileDirectory(options.Output.Dir, PairProfile.Rlaifv);
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"train: round {round} pairs from {pairs}, policy {policy}, lr {dpo.LearningRate:G3}{(dpo.Lora is { } l ? $", {l}" : ", full fine-tune")}"));

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        var registry = Metrics.NewCustomRegistry();
        using var server = options.Metrics.Enabled ? new MetricServer(options.Metrics.Host, options.Metrics.Port, "metrics/", registry) : null;
        server?.Start();
        using var loggers = Loggers.Create();
        var trainer = new DpoRoundTrainer(loggers, new TrainingMetrics(registry));
        var request = new RoundTrainingRequest(round, backend, t, options.Output.Dir, new ParquetRoundPairSource(pairs), new FileCheckpointPublisher(t.CheckpointsDir), null, stderr);
        string deadPath = DpoRoundTrainer.DeadLettersPath(options.Output.Dir, round);
        try
        {
            var result = await trainer.TrainAsync(request, stop.Token);
            await stdout.WriteLineAsync($"round {round}: {result.Report}");
            await stdout.WriteLineAsync($"reference log-probs: {result.ReferenceCached} cached, {result.ReferenceComputed} computed; {result.DeadLetters} dead letters ({deadPath})");
            if (result.Training is { } training)
            {
                var last = training.History.Count > 0 ? training.History[^1] : null;
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"trained {training.Step - training.StartStep} steps (from {training.StartStep}, of {training.TotalSteps}); last loss {last?.Loss:F4}, margin {last?.Margin:F4}, accuracy {last?.Accuracy:F2}"));
            }
            else
            {
                await stdout.WriteLineAsync($"round {round + 1}'s checkpoint already existed: republished without training");
            }

            await stdout.WriteLineAsync($"round {round + 1} policy: {result.Checkpoint.Directory} sha256 {result.Checkpoint.Sha256}");
            return ExitCodes.Ok;
        }
        catch (TrainingException e)
        {
            await stderr.WriteLineAsync($"rlaifv train: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException e)
        {
            await stderr.WriteLineAsync($"rlaifv train: stopped. {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
