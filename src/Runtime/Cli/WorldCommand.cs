using System.CommandLine;
using System.Globalization;
using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Schemas;
using RlaifV.Stages.Options;
using RlaifV.World.Experiments;
using RlaifV.World.Pretraining;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// The <c>world</c> verbs, the host's wiring of the built-in world's own jobs. <c>rlaifv world pretrain --seed S --out DIR
/// [--steps N] [--labeler-steps N] [--batch N] [--eval N] [--threads N]</c> reproduces the world's policy and labeler from a
/// seed (see <see cref="WorldPretrainer"/>), showing progress (step, loss, rate, time left) on stderr and printing the
/// held-out figures on stdout; <c>rlaifv world ablate</c> writes the ablation table (<see cref="Ablation"/>);
/// <c>rlaifv world eval --policy DIR</c> measures any checkpoint on held-out scenes of any seed (<see cref="WorldEvaluation"/>).
/// </summary>
public static class WorldCommand
{
    private const string PretrainUsage = "rlaifv world pretrain --seed S --out DIR [--steps N] [--labeler-steps N] [--batch N] [--eval N] [--threads N] [--policy DIR] [--labeler-lr X] [--false-share X]";
    private const string AblateUsage = "rlaifv world ablate [--config FILE] [--n N] [--output DIR]";
    private const string EvalUsage = "rlaifv world eval --policy DIR [--seed S] [--scenes N] [--json] [--config FILE]";

    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var world = new Verb("world", "world", "The built-in world: pretrain its tiny models, run the ablation table on it, or measure a checkpoint on its held-out scenes.", PretrainUsage + "\n" + AblateUsage + "\n" + EvalUsage);
        world.Subcommands.Add(Pretrain(services, global));
        world.Subcommands.Add(Ablate(services, global));
        world.Subcommands.Add(Eval(services, global));
        return world;
    }

    private static Verb Pretrain(CliServices services, GlobalOptions global)
    {
        var defaults = new PretrainOptions();
        var verb = new Verb("pretrain", "world pretrain",
            "Train the built-in world's policy and labeler (tiny LLaVA-1.5 models) from a seed, print held-out hallucination, coverage " +
            "and labeler agreement, write DIR/policy, DIR/labeler (HF layout) and DIR/SHA256SUMS. With --policy, that trained policy " +
            "is kept and only the labeler is (re)trained against its claims.",
            PretrainUsage)
        {
            StopNote = "stopped before the end; nothing complete was written.",
            StopExitCode = ExitCodes.Failed,
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = $"seed of every draw (default {defaults.Seed})",
            HelpName = "S",
            CustomParser = r => ulong.TryParse(r.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s) ? s : Bad<ulong>(r, "--seed"),
        };
        var output = CliOption.Text("--out", "DIR", "folder to write policy/, labeler/ and SHA256SUMS into", "--output");
        output.Required = true;
        var steps = CliOption.Whole("--steps", 1, $"policy training steps (default {defaults.PolicySteps})");
        var labelerSteps = CliOption.Whole("--labeler-steps", 0, $"labeler training steps (default {defaults.LabelerSteps}; a fifth of --steps when that is smaller than its default)");
        var batch = CliOption.Whole("--batch", 1, $"examples per step (default {defaults.BatchSize})");
        var eval = CliOption.Whole("--eval", 1, $"held-out descriptions measured at the end (default {defaults.EvaluationCount})");
        var threads = CliOption.Whole("--threads", 0, "torch threads (default 0: torch's own choice)");
        var policy = CliOption.Text("--policy", "DIR", "a trained policy to keep: only the labeler is (re)trained");
        var labelerLr = CliOption.Number("--labeler-lr", "a number > 0", x => x > 0, $"peak learning rate of the labeler (default {defaults.LabelerLearningRate.ToString(CultureInfo.InvariantCulture)})");
        var falseShare = CliOption.Number("--false-share", "a number from 0 to 1", x => x is >= 0 and <= 1, $"share of the labeler's policy-claim questions drawn from false claims (default {defaults.PolicyFalseShare.ToString(CultureInfo.InvariantCulture)})");
        foreach (var option in new Option[] { seed, output, steps, labelerSteps, batch, eval, threads, policy, labelerLr, falseShare }) verb.Options.Add(option);

        verb.SetHandler(services, global, run =>
        {
            var options = defaults with
            {
                Seed = run.Get(seed) ?? defaults.Seed,
                PolicySteps = run.Get(steps) ?? defaults.PolicySteps,
                LabelerSteps = run.Get(labelerSteps) ?? defaults.LabelerSteps,
                BatchSize = run.Get(batch) ?? defaults.BatchSize,
                EvaluationCount = run.Get(eval) ?? defaults.EvaluationCount,
                Threads = run.Get(threads) ?? defaults.Threads,
                PolicyFrom = run.Get(policy) is { } p ? Path.GetFullPath(p) : null,
                LabelerLearningRate = run.Get(labelerLr) ?? defaults.LabelerLearningRate,
                PolicyFalseShare = run.Get(falseShare) ?? defaults.PolicyFalseShare,
            };
            if (run.Get(labelerSteps) is null && options.PolicySteps < defaults.PolicySteps)
            {
                options = options with { LabelerSteps = Math.Max(1, options.PolicySteps / 5) };
            }
            return PretrainAsync(options, run.Get(output)!, run);
        });
        return verb;
    }

    /// <summary>Pretrains with <paramref name="options"/> into <paramref name="output"/>.</summary>
    public static async Task<int> PretrainAsync(PretrainOptions options, string output, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }
        string? phase = null;
        void Report(PretrainProgress p)
        {
            if (p.Phase != phase) run.Progress.Complete(); // the previous phase's last line stays
            phase = p.Phase;
            run.Progress.Report(double.IsNaN(p.Loss)
                ? $"{p.Phase}: measuring on held-out scenes"
                : string.Create(CultureInfo.InvariantCulture, $"{p.Phase,-8} step {p.Step}/{p.Steps}  loss {p.Loss:F4}  {p.StepsPerSecond:F2} steps/s  left {p.Remaining:hh\\:mm\\:ss}"));
            if (p.Step == p.Steps && !double.IsNaN(p.Loss)) run.Progress.Complete();
        }

        var report = await WorldPretrainer.RunAsync(options, output, Report, run.Stop);
        run.Progress.Complete();
        var m = report.Policy;
        await run.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            world pretrain (seed {report.Seed}): {report.PolicyParameters} parameters per model, vocabulary {report.VocabularySize}, {report.Seconds:F0} s
            policy (greedy, {m.Responses} held-out descriptions): response_hallucination {m.ResponseHallucination:F3}  claim_hallucination {m.ClaimHallucination:F3}  coverage {m.Coverage:F3}  mean_words {m.MeanWords:F1}
            labeler: labeler_agreement {report.LabelerAgreement:F3} on {report.LabelerQuestions} of the policy's held-out claims
            wrote {Path.Combine(output, "policy")}, {Path.Combine(output, "labeler")}, {Path.Combine(output, WorldPretrainer.ManifestName)}
            """));
        return ExitCodes.Ok;
    }

    private static Verb Ablate(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("ablate", "world ablate",
            "The ablation table on the world: (a) the configured iterative rounds, (b) one round with all their prompts, (c) " +
            "whole-response feedback, (d) best-of-N by self-feedback reward vs a random sample; writes {output.dir}/ablation/ablation.md " +
            "(resumable; up to about 45 minutes on 2 cores).",
            AblateUsage)
        {
            StopNote = "stopped; rerun the same command to resume",
        };
        var config = new ConfigOptions(verb, ConfigOverride.Output | ConfigOverride.Rounds | ConfigOverride.PromptsPerRound | ConfigOverride.HeldOut);
        var n = CliOption.Whole("--n", 1, "samples per scene of the best-of-N row (overrides training.bon_n)");
        verb.Options.Add(n);
        verb.SetHandler(services, global, run => AblateAsync(config.Bind(run.Parse).LoadOptions(), run.Get(n), run));
        return verb;
    }

    /// <summary><c>rlaifv world ablate</c> with validated options: the ablation table on the built-in world (<see cref="Ablation"/>).</summary>
    public static async Task<int> AblateAsync(PipelineOptions options, int? bestOfN, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        if (options.Input.Source != InputSource.World) throw new ConfigException($"input.source = {EnumNames.Of(options.Input.Source)}: world ablate runs on the built-in world (input.source: world)");
        if (options.World.HeldOut < 1) throw new ConfigException("world.held_out = 0: the ablation measures policies on held-out scenes; set it to at least 1");
        var directory = Path.Combine(options.Output.Dir, "ablation");
        int n = bestOfN ?? options.Training.BonN;
        var ablation = new Ablation(options.ToRunJobOptions(), options.World, new ConfiguredModels(options, run.ModelsFor(null)), run.Trainer ?? new DpoRoundTrainer(run.Loggers), run.Output.Status);
        var rows = await ablation.RunAsync(directory, n, run.Stop);
        await run.Out.WriteLineAsync(Ablation.Markdown(rows, n));
        await run.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(directory, "ablation.md")} and ablation.json"));
        return ExitCodes.Ok;
    }

    private static Verb Eval(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("eval", "world eval",
            "Measure a policy checkpoint on held-out world scenes (greedy descriptions, the exact checker): response- and " +
            "claim-level hallucination, coverage, mean words and the share of claims the checker cannot judge. The scenes " +
            "come from --seed (default world.test_seed, the seed no setting was tuned on; world.dev_seed is what rlaifv run " +
            "measures on).",
            EvalUsage);
        var config = new ConfigOptions(verb, ConfigOverride.None);
        var policy = CliOption.Text("--policy", "DIR", "the policy checkpoint folder (Hugging Face LLaVA layout), e.g. out/checkpoints/round-0004");
        policy.Required = true;
        var seed = CliOption.WholeLong("--seed", 0, "seed of the held-out scenes (default world.test_seed)");
        var scenes = CliOption.Whole("--scenes", 1, "scenes measured (default world.held_out)");
        var json = new Option<bool>("--json") { Description = "print one JSON object (fractions, like summary.json) instead of a line" };
        foreach (var option in new Option[] { policy, seed, scenes, json }) verb.Options.Add(option);
        verb.SetHandler(services, global, run => EvalAsync(config.Bind(run.Parse).LoadOptions(configOptional: true), run.Get(policy)!, run.Get(seed), run.Get(scenes), run.Get(json), run));
        return verb;
    }

    /// <summary><c>rlaifv world eval</c>: the policy at <paramref name="policy"/> on held-out scenes of <paramref name="seed"/> (default world.test_seed).</summary>
    public static async Task<int> EvalAsync(PipelineOptions options, string policy, long? seed, int? scenes, bool json, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        if (!Directory.Exists(policy)) throw new UsageException($"--policy = '{policy}': no such folder (a policy checkpoint in the Hugging Face LLaVA layout)");
        long s = seed ?? options.World.TestSeed;
        int count = scenes ?? options.World.HeldOut;
        if (count < 1) throw new ConfigException("world.held_out = 0: world eval needs at least one scene; give --scenes N");
        var backend = ModelFactory.ToBackendOptions(options.Models.Policy, Path.GetFullPath(policy));
        run.Progress.Report(string.Create(CultureInfo.InvariantCulture, $"world eval: {count} held-out scenes of seed {s}, greedy, {policy}"));
        var metrics = await WorldEvaluation.MeasureAsync(backend, WorldEvaluation.Scenes(s, count), options.Sampling.MaxNewTokens, run.Stop);
        run.Progress.Complete();
        var report = WorldEvalReport.Of(metrics, s, count, Path.GetFullPath(policy));
        await run.Out.WriteLineAsync(json
            ? report.ToJson()
            : string.Create(CultureInfo.InvariantCulture,
                $"{policy} on {count} held-out scenes (seed {s}): response hallucination {report.ResponseHallucination:P1}, claim hallucination {report.ClaimHallucination:P1}, coverage {report.Coverage:P1}, {report.MeanWords:F1} words, {report.Unjudgeable:P1} of {report.Claims + report.UnjudgeableClaims} claims unjudgeable"));
        return ExitCodes.Ok;
    }

    private static T Bad<T>(System.CommandLine.Parsing.ArgumentResult result, string name)
        where T : struct
    {
        result.AddError($"{name} = '{result.Tokens[0].Value}' is not a non-negative integer");
        return default;
    }
}
