using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Cli;

/// <summary>The <c>rlaifv</c> command line: verbs, their options, help text and exit codes.</summary>
public static class CommandLine
{
    /// <summary>The help text.</summary>
    public const string Help = """
        rlaifv: RLAIF-V preference data generation (image + instruction → trustworthy preference pairs)

        Usage: rlaifv <verb> [options]

        Verbs:
          generate   Run the pipeline over a prompts file (JSONL or Parquet) and write pairs as Parquet.
                     --config FILE   pipeline configuration (default: pipeline.yaml)
                     --input FILE    prompts file (overrides input.path)
                     --output DIR    output folder (overrides output.dir)
                     --round N       round number (overrides run.round)
          validate   Check a configuration and exit: 0 when valid, 2 with every problem listed.
                     --config FILE   (default: pipeline.yaml)
          help       This text.

        Exit codes: 0 done (also after a graceful stop with Ctrl+C / SIGTERM), 1 the run failed,
        2 bad command line or configuration (nothing was done).
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            await stdout.WriteLineAsync(Help);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        Arguments parsed;
        try
        {
            parsed = Arguments.Parse(args.Skip(1).ToArray());
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"rlaifv {args[0]}: {e.Message}\n\n{Help}");
            return ExitCodes.Usage;
        }
        try
        {
            return args[0] switch
            {
                "generate" => await GenerateCommand.RunAsync(parsed, stdout, stderr),
                "validate" => await ValidateCommand.RunAsync(parsed, stdout),
                _ => await UnknownAsync(args[0], stderr),
            };
        }
        catch (ConfigException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return ExitCodes.Usage;
        }
    }

    private static async Task<int> UnknownAsync(string verb, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"rlaifv: unknown verb '{verb}'\n\n{Help}");
        return ExitCodes.Usage;
    }
}
