using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Cli;

/// <summary>The <c>rlaifv</c> command line: verbs, their options, help text and exit codes.</summary>
public static class CommandLine
{
    /// <summary>The help text.</summary>
    public const string Help = """
        rlaifv: RLAIF-V preference data generation (image + instruction → trustworthy preference pairs)

        Usage: rlaifv <verb> [options]

        Verbs:
          run        The whole method, round after round: generate round r with policy r through Kafka (the
                     embedded broker by default), train policy r+1 with DPO on the round's pairs, measure it;
                     resumes after the last finished round. With the committed pipeline.yaml: the built-in
                     world (4 rounds). Writes {output.dir}/summary.json, report.md, report.png, pairs/.
                     --config FILE  --rounds N  --prompts-per-round N  --held-out N  --output DIR
          generate   Run the pipeline over a prompts file (JSONL or Parquet) and write pairs as Parquet,
                     or (--source kafka) consume the prompts topic and produce the round's topics.
                     --config FILE   pipeline configuration (default: pipeline.yaml)
                     --input FILE    prompts file (overrides input.path; kafka: loaded onto the topic first)
                     --output DIR    output folder (overrides output.dir)
                     --round N       round number (overrides run.round)
                     --source S      file or kafka (overrides input.source)
                     --bootstrap B   Kafka host:port[,host:port] (overrides kafka.bootstrap_servers)
                     --until-caught-up
                                     kafka: stop at the prompts' end offsets seen at start, record the
                                     round complete on the control topic, export Parquet
          replay     Re-run the stages after round N's candidates (extract, questions, verify, pair) or
                     verdicts (pair) topic with the configured settings, without sampling, into variant
                     topics rNNNN.verdicts-NAME / rNNNN.pairs-NAME (+ Parquet when output.parquet).
                     --from candidates|verdicts  --variant NAME  --round N  --config FILE  --bootstrap B
          topic      topic dump TOPIC [--limit N]   print a topic as JSON lines
                     topic load FILE                put a prompts file onto the prompts topic
                     (--config FILE / --bootstrap B; the embedded default broker is this process's own
                     and starts empty, so these need a real cluster's bootstrap servers)
          train      DPO on round N's pairs ({output.dir}/pairs/rlaifv/round-N): length balance, reference
                     log-probs (cached beside the pairs), resumable training; writes
                     {training.checkpoints_dir}/round-(N+1) and its sha256 (latest.json).
                     --config FILE  --round N  --output DIR (where the pairs are)
          bon        Best-of-N with self-feedback: sample N answers with models.policy, score each with
                     r = (beta/T)*sum(log p_aligned - log p_reference), print them best first as JSON lines.
                     --image FILE  --prompt TEXT  --aligned DIR  --reference DIR  [--n N]  --config FILE
          world      world pretrain --seed S --out DIR [--steps N] [--labeler-steps N] [--batch N]
                     [--eval N] [--threads N] [--policy DIR] [--labeler-lr X] [--false-share X]: train the built-in
                     world's policy and labeler (tiny
                     LLaVA-1.5 models) from a seed, print held-out hallucination, coverage and labeler
                     agreement, write DIR/policy, DIR/labeler (HF layout) and DIR/SHA256SUMS. With --policy,
                     that trained policy is kept and only the labeler is (re)trained against its claims.
                     world ablate [--config FILE] [--n N]: the ablation table on the world: (a) the
                     configured iterative rounds, (b) one round with all their prompts, (c) whole-response
                     feedback, (d) best-of-N by self-feedback reward vs a random sample; writes
                     {output.dir}/ablation/ablation.md (resumable; up to about 45 minutes on 2 cores).
          validate   Check a configuration and exit: 0 when valid, 2 with every problem listed.
                     --config FILE   (default: pipeline.yaml)
          help       This text.

        Exit codes: 0 done (also after a graceful stop with Ctrl+C / SIGTERM), 1 the run failed,
        2 bad command line or configuration (nothing was done).
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Normal output.</param>
    /// <param name="stderr">Progress and errors.</param>
    /// <param name="buildModels">Builds the models of generate and replay (default <see cref="ModelFactory.Build"/>; test hosts pass doubles).</param>
    /// <param name="trainer">Trains a round for run (default DPO; test hosts pass a double).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<PipelineOptions, ModelSet>? buildModels = null, IRoundTrainer? trainer = null)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            await stdout.WriteLineAsync(Help);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        if (args[0] == "world" && (args.Length < 2 || args[1] != "ablate")) return await WorldCommand.RunAsync(args[1..], stdout, stderr);
        var verb = args[0] == "world" ? "world ablate" : args[0];
        Arguments parsed;
        try
        {
            parsed = Arguments.Parse(args.Skip(verb == "world ablate" ? 2 : 1).ToArray());
            if (args[0] != "topic" && parsed.Positionals.Count > 0) throw new ArgumentException($"unexpected argument '{parsed.Positionals[0]}'");
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"rlaifv {verb}: {e.Message}\n\n{Help}");
            return ExitCodes.Usage;
        }
        try
        {
            return verb switch
            {
                "world ablate" => await WorldCommand.AblateAsync(parsed, buildModels, trainer, stdout, stderr),
                "run" => await RunCommand.RunAsync(parsed, buildModels, trainer, stdout, stderr),
                "generate" => await GenerateCommand.RunAsync(parsed, stdout, stderr, buildModels),
                "validate" => await ValidateCommand.RunAsync(parsed, stdout),
                "replay" => await ReplayCommand.RunAsync(parsed, buildModels ?? ModelFactory.Build, stdout, stderr),
                "topic" => await TopicCommand.RunAsync(parsed, stdout, stderr),
                "train" => await TrainCommand.RunAsync(parsed, stdout, stderr),
                "bon" => await BonCommand.RunAsync(parsed, stdout, stderr),
                _ => await UnknownAsync(args[0], stderr),
            };
        }
        catch (ConfigException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return ExitCodes.Usage;
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"rlaifv {verb}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A fatal error (a model that failed to load, an unreadable file, a fatal broker error): one clear
            // line and a non-zero exit rather than an unhandled-exception dump.
            await stderr.WriteLineAsync($"rlaifv {verb}: failed: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private static async Task<int> UnknownAsync(string verb, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"rlaifv: unknown verb '{verb}'\n\n{Help}");
        return ExitCodes.Usage;
    }
}
