using System.Globalization;
using Prometheus;
using RlaifV.Orchestration;
using RlaifV.Orchestration.Roles;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Schemas;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Options;
using RlaifV.Stages.Rules;
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
    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("train", "train",
            "DPO on round N's pairs ({output.dir}/pairs/rlaifv/round-N): length balance, reference log-probs (cached beside the " +
            "pairs), resumable training; writes {training.checkpoints_dir}/round-(N+1) and its sha256 (latest.json).",
            "rlaifv train [--config FILE] [--round N] [--output DIR]\n" +
            "rlaifv train --source kafka [--round N] [--bootstrap HOST:PORT]   (one round from the pairs topic)\n" +
            "rlaifv train --follow [--bootstrap HOST:PORT]                     (every round as its generation completes)")
        {
            StopNote = null, // the training job's own message says where its state is
            StopExitCode = ExitCodes.Stopped,
        };
        var config = new ConfigOptions(verb, ConfigOverride.Round | ConfigOverride.Output | ConfigOverride.Source | ConfigOverride.Bootstrap);
        var follow = CliOption.Flag("--follow",
            "the trainer role: follows the control topic and trains every round whose generation is complete, reading its pairs topic up to the " +
            "recorded end offsets, and publishes each checkpoint (path + sha256) on the control topic. SIGTERM saves the state and exits 0");
        verb.Options.Add(follow);
        verb.SetHandler(services, global, run =>
        {
            var options = config.Bind(run.Parse).LoadOptions();
            if (run.Get(follow)) return KafkaAsync(options, null, run);
            return options.Input.Source switch
            {
                InputSource.Kafka => KafkaAsync(options, options.Run.Round, run),
                InputSource.File => RunAsync(options, run),
                _ => throw new UsageException($"--source {EnumNames.Of(options.Input.Source)}: train reads pairs from files (file) or from the pairs topic (kafka)"),
            };
        });
        return verb;
    }

    /// <summary>
    /// The trainer role (<see cref="TrainerRole"/>): round <paramref name="round"/> once its generation is complete, or
    /// (null) every round as it completes, until stopped.
    /// </summary>
    public static async Task<int> KafkaAsync(PipelineOptions options, int? round, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        using var host = RoleHost.Open(options, run, RoleKind.Trainer);
        var trainer = run.Trainer ?? new DpoRoundTrainer(run.Loggers, new TrainingMetrics(host.Metrics.Registry));
        // training.select: best scores the round's saved checkpoints with the run's evaluator (the world's dev scenes).
        var selector = options.Training.Select == CheckpointSelection.Best ? RoundInputs.For(options).Evaluator : null;
        var role = new TrainerRole(options.ToRunJobOptions(), new ConfiguredModels(options, run.ModelsFor(host.Metrics)), trainer, host.Environment, run.Output.Status, host.Status, selector);
        try
        {
            foreach (var result in await role.RunAsync(round, run.Stop))
                await run.Out.WriteLineAsync($"published: {result.Checkpoint.Directory} (weights sha256 {result.Checkpoint.Sha256})");
        }
        catch (OperationCanceledException) when (run.Stopping && round is null)
        {
            run.Progress.WriteLine("rlaifv train --follow: stopped; a training in progress saved its state and resumes on restart");
        }
        return ExitCodes.Ok;
    }

    /// <summary>Runs the verb with validated options.</summary>
    public static async Task<int> RunAsync(PipelineOptions options, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        int round = options.Run.Round;
        // The length-balance filter runs once: here unless the generator already applied it in windows.
        var t = options.Training with { LengthBalance = LengthBalance.TrainerFilters(options.Training.LengthBalance, options.Pairing.LengthBalanceWindow) };
        string own = Path.Combine(t.CheckpointsDir, string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}"));
        string policy = File.Exists(Path.Combine(own, "config.json")) ? own : options.Models.Policy.Path;
        if (string.IsNullOrWhiteSpace(policy) || !Directory.Exists(policy))
        {
            throw new ConfigException($"models.policy.path = '{options.Models.Policy.Path}': round {round}'s policy is needed (no {own} either); set it to a checkpoint folder");
        }

        var backend = ModelFactory.ToBackendOptions(options.Models.Policy, policy);
        var dpo = t.ToDpoOptions();
        var pairs = PairFileLayout.ProfileDirectory(options.Output.Dir, PairProfile.Rlaifv);
        run.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train: round {round} pairs from {pairs}, policy {policy}, lr {dpo.LearningRate:G3}{(dpo.Lora is { } l ? $", {l}" : ", full fine-tune")}"));

        var registry = Metrics.NewCustomRegistry();
        using var server = MetricsEndpoint.Start(options.Metrics, registry, run.Progress);
        var trainer = new DpoRoundTrainer(run.Loggers, new TrainingMetrics(registry));
        var request = new RoundTrainingRequest(round, backend, t, options.Output.Dir, new ParquetRoundPairSource(pairs), new FileCheckpointPublisher(t.CheckpointsDir), null, run.Output.Status);
        string deadPath = DpoRoundTrainer.DeadLettersPath(options.Output.Dir, round);
        var result = await trainer.TrainAsync(request, run.Stop);
        await run.Out.WriteLineAsync($"round {round}: {result.Report}");
        await run.Out.WriteLineAsync($"reference log-probs: {result.ReferenceCached} cached, {result.ReferenceComputed} computed; {result.DeadLetters} dead letters ({deadPath})");
        if (result.Training is { } training)
        {
            var last = training.History.Count > 0 ? training.History[^1] : null;
            await run.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"trained {training.Step - training.StartStep} steps (from {training.StartStep}, of {training.TotalSteps}); last loss {last?.Loss:F4}, margin {last?.Margin:F4}, accuracy {last?.Accuracy:F2}"));
        }
        else
        {
            await run.Out.WriteLineAsync($"round {round + 1}'s checkpoint already existed: republished without training");
        }

        await run.Out.WriteLineAsync($"round {round + 1} policy: {result.Checkpoint.Directory} sha256 {result.Checkpoint.Sha256}");
        return ExitCodes.Ok;
    }
}
