using RlaifV.Orchestration.Roles;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv coordinate</c>: the coordinator role (<see cref="CoordinatorRole"/>) against a Kafka cluster: each round's
/// prompts onto the prompts topic, "round started", "generation complete" once the round's group is done, waits for the
/// trainer's "checkpoint published", measures it when the world is the source, and writes summary.json, report.md and
/// report.png after <c>run.rounds</c>. Killed and restarted, it resumes from the control topic. With <c>--stay</c> it then
/// serves its endpoints until SIGTERM, as a Deployment's pod must.
/// </summary>
public static class CoordinateCommand
{
    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("coordinate", "coordinate",
            "The coordinator of a cluster's rounds: puts each round's prompts on the prompts topic (input.path, a Parquet dataset " +
            "or the world), records the round started, waits for its generators (generate --follow) and its trainer (train --follow), " +
            "measures each policy when an evaluator exists, writes {output.dir}/summary.json and report.md. Resumes from the control topic.",
            "rlaifv coordinate [--config FILE] [--bootstrap HOST:PORT] [--rounds N] [--prompts-per-round N] [--held-out N] [--output DIR] [--stay]")
        {
            StopNote = "stopped before every round was recorded; rerun the same command to resume from the control topic",
            StopExitCode = ExitCodes.Stopped,
        };
        var config = new ConfigOptions(verb, RunCommand.Overrides);
        var stay = CliOption.Flag("--stay",
            "after the last round, keep serving /metrics, /healthz and /readyz until SIGTERM, then exit 0 (a coordinator run as a " +
            "Kubernetes Deployment, whose pod must not exit)");
        verb.Options.Add(stay);
        verb.SetHandler(services, global, run => RunAsync(config.Bind(run.Parse).LoadOptions(), run, run.Get(stay)));
        return verb;
    }

    /// <summary>Runs the verb with validated options.</summary>
    /// <param name="options">The configuration.</param>
    /// <param name="run">The invocation.</param>
    /// <param name="stay">After the last round, serve the endpoints until stopped instead of exiting.</param>
    public static async Task<int> RunAsync(PipelineOptions options, Invocation run, bool stay = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var (prompts, evaluator) = RoundInputs.For(options);
        using var host = RoleHost.Open(options, run, RoleKind.Coordinator);
        var coordinator = new CoordinatorRole(options.ToRunJobOptions(), new ConfiguredModels(options, run.ModelsFor(host.Metrics)), prompts, evaluator, host.Environment, run.Output.Status, host.Status);
        var records = await coordinator.RunAsync(run.Stop);
        await RunCommand.WriteReportAsync(run, options.Output.Dir, records, evaluator?.Describe(), coordinator.Ledger.SummaryPath);
        if (!stay) return ExitCodes.Ok;
        run.Progress.WriteLine($"coordinator: all {options.Run.Rounds} rounds recorded; serving /metrics, /healthz and /readyz until stopped (--stay)");
        await run.UntilStoppedAsync();
        return ExitCodes.Ok;
    }
}
