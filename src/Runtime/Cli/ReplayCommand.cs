using RlaifV.Kafka;
using RlaifV.Orchestration;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Cli;

/// <summary><c>rlaifv replay --from candidates|verdicts --variant NAME</c>: re-runs the stages after a round's topic.</summary>
public static class ReplayCommand
{
    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(Arguments args, Func<PipelineOptions, ModelSet> buildModels, TextWriter stdout, TextWriter stderr)
    {
        if (args.From is null || args.Variant is null)
            throw new ArgumentException("replay needs --from candidates|verdicts and --variant NAME");
        if (!TopicNames.IsValidComponent(args.Variant))
            throw new ArgumentException($"--variant = '{args.Variant}': allowed is lower-case letters, digits and dashes, starting with a letter");
        var options = args.LoadOptions();
        using var signals = new StopSignals(stderr);
        using var environment = KafkaEnvironment.Open(options.Kafka);
        try
        {
            var summary = await ReplayJob.RunAsync(options.ToStageOptions(), options.Output, environment, buildModels(options),
                args.From == "candidates" ? ReplayStart.Extract : ReplayStart.Pair, args.Variant, new PipelineMetrics(), signals.Token);
            await stdout.WriteLineAsync($"replayed {summary.InputTopic}: {summary.Prompts} prompts, {summary.Candidates} candidates → {summary.Pairs} pairs on {summary.PairsTopic}{(summary.VerdictsTopic is null ? string.Empty : $" (verdicts on {summary.VerdictsTopic})")}, {summary.MissingPrompts} prompts missing, {summary.Seconds:F1} s");
            foreach (var file in summary.Files) await stdout.WriteLineAsync($"  {file}");
            return ExitCodes.Ok;
        }
        catch (StageException e)
        {
            await stderr.WriteLineAsync($"rlaifv replay: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
