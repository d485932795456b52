using System.Diagnostics;
using System.Globalization;
using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Schemas;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Training;
using RlaifV.World.Experiments;
using RlaifV.World.Pretraining;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// The <c>world</c> verbs, the host's wiring of the built-in world's own jobs. <c>rlaifv world pretrain --seed S --out DIR
/// [--steps N] [--labeler-steps N] [--batch N] [--eval N] [--threads N]</c> reproduces the world's policy and labeler from a
/// seed (see <see cref="WorldPretrainer"/>), printing progress (step, loss, rate, time left) to stderr and the held-out
/// figures to stdout; <c>rlaifv world ablate</c> writes the ablation table (<see cref="Ablation"/>).
/// </summary>
public static class WorldCommand
{
    /// <summary>Runs <c>world pretrain</c> on the arguments after <c>world</c>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        PretrainOptions options;
        string output;
        try
        {
            (options, output) = Parse(args);
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"rlaifv world: {e.Message}\n\n{CommandLine.Help}");
            return ExitCodes.Usage;
        }

        using var signals = new StopSignals(stderr);
        var lastPrint = Stopwatch.StartNew();
        string? lastPhase = null;
        void Report(PretrainProgress p)
        {
            bool last = p.Step == p.Steps;
            if (p.Phase != lastPhase || last || lastPrint.Elapsed.TotalSeconds >= 5)
            {
                lastPhase = p.Phase;
                lastPrint.Restart();
                stderr.WriteLine(double.IsNaN(p.Loss)
                    ? string.Create(CultureInfo.InvariantCulture, $"{p.Phase}: measuring on held-out scenes")
                    : string.Create(CultureInfo.InvariantCulture, $"{p.Phase,-8} step {p.Step}/{p.Steps}  loss {p.Loss:F4}  {p.StepsPerSecond:F2} steps/s  left {p.Remaining:hh\\:mm\\:ss}"));
            }
        }

        try
        {
            var report = await WorldPretrainer.RunAsync(options, output, Report, signals.Token);
            var m = report.Policy;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
                world pretrain (seed {report.Seed}): {report.PolicyParameters} parameters per model, vocabulary {report.VocabularySize}, {report.Seconds:F0} s
                policy (greedy, {m.Responses} held-out descriptions): response_hallucination {m.ResponseHallucination:F3}  claim_hallucination {m.ClaimHallucination:F3}  coverage {m.Coverage:F3}  mean_words {m.MeanWords:F1}
                labeler: labeler_agreement {report.LabelerAgreement:F3} on {report.LabelerQuestions} of the policy's held-out claims
                wrote {Path.Combine(output, "policy")}, {Path.Combine(output, "labeler")}, {Path.Combine(output, WorldPretrainer.ManifestName)}
                """));
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("rlaifv world pretrain: stopped before the end; nothing complete was written.");
            return ExitCodes.Failed;
        }
    }

    /// <summary><c>rlaifv world ablate</c>: the ablation table on the built-in world (<see cref="Ablation"/>).</summary>
    public static async Task<int> AblateAsync(Arguments args, Func<PipelineOptions, ModelSet>? buildModels, IRoundTrainer? trainer, TextWriter stdout, TextWriter stderr)
    {
        var options = args.LoadOptions();
        if (options.Input.Source != InputSource.World) throw new ConfigException($"input.source = {EnumNames.Of(options.Input.Source)}: world ablate runs on the built-in world (input.source: world)");
        if (options.World.HeldOut < 1) throw new ConfigException("world.held_out = 0: the ablation measures policies on held-out scenes; set it to at least 1");
        var directory = Path.Combine(options.Output.Dir, "ablation");
        using var signals = new StopSignals(stderr);
        using var loggers = Loggers.Create();
        var ablation = new Ablation(options.ToRunJobOptions(), options.World, new ConfiguredModels(options, buildModels ?? ModelFactory.Build), trainer ?? new DpoRoundTrainer(loggers), stderr);
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

    private static (PretrainOptions Options, string Output) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "pretrain")
        {
            throw new ArgumentException($"expected 'world pretrain', not 'world {(args.Length == 0 ? string.Empty : args[0])}'");
        }

        var options = new PretrainOptions();
        string? output = null;
        bool labelerGiven = false;
        for (int i = 1; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            string value = args[++i];
            options = name switch
            {
                "--seed" => options with { Seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s) ? s : throw Bad(name, value) },
                "--steps" => options with { PolicySteps = Int(name, value) },
                "--labeler-steps" => options with { LabelerSteps = Int(name, value) },
                "--batch" => options with { BatchSize = Int(name, value) },
                "--eval" => options with { EvaluationCount = Int(name, value) },
                "--threads" => options with { Threads = Int(name, value) },
                "--out" => options,
                "--policy" => options with { PolicyFrom = Path.GetFullPath(value) },
                "--false-share" => options with { PolicyFalseShare = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f is >= 0 and <= 1 ? f : throw Bad(name, value) },
                "--labeler-lr" => options with { LabelerLearningRate = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double lr) && lr > 0 ? lr : throw Bad(name, value) },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
            labelerGiven |= name == "--labeler-steps";
            output = name == "--out" ? value : output;
        }

        if (!labelerGiven && options.PolicySteps < new PretrainOptions().PolicySteps)
        {
            options = options with { LabelerSteps = Math.Max(1, options.PolicySteps / 5) };
        }

        return (options, output ?? throw new ArgumentException("world pretrain needs --out DIR"));
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw Bad(name, value);

    private static ArgumentException Bad(string name, string value) => new($"{name} = '{value}' is not a non-negative integer");
}
