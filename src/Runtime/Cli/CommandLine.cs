using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Reflection;
using RlaifV.Orchestration;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// The <c>rlaifv</c> command line (System.CommandLine): the verbs, the global options, help, version and exit codes
/// (0 done; 1 failed; 2 bad command line or configuration, nothing done; 3 stopped before the work was done).
/// </summary>
public static class CommandLine
{
    private const string Description = """
        rlaifv: RLAIF-V preference data generation (image + instruction → trustworthy preference pairs).

        Exit codes: 0 done (the work asked for is finished; a --follow service that drained after SIGTERM is done),
        1 the run failed, 2 bad command line or configuration (nothing was done), 3 stopped (Ctrl+C / SIGTERM)
        before the work asked for was done (finished work is committed; the same command resumes).
        """;

    private const int HelpWidth = 110;

    /// <summary>The product version (<c>--version</c>).</summary>
    public static string Version { get; } =
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CommandLine).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Runs the command line; returns the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Results for a person: tables, JSON lines, "wrote ..." lines, help.</param>
    /// <param name="stderr">Progress, one line per step, log records and errors. Its status line is redrawn in place only when it is this process's own standard error and that is a terminal.</param>
    /// <param name="buildModels">Builds the models of generate, replay, run and world ablate (default <see cref="ModelFactory.Build(PipelineOptions)"/>; test hosts pass doubles).</param>
    /// <param name="trainer">Trains a round for run and world ablate (default DPO; test hosts pass a double).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<PipelineOptions, ModelSet>? buildModels = null, IRoundTrainer? trainer = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        // Every line out of the process passes the one redaction function (no secret reaches a log, an error or validate).
        using var redactedOut = new RedactingWriter(stdout);
        using var redactedErr = new RedactingWriter(stderr);
        stdout = redactedOut;
        stderr = redactedErr;
        var root = new Verb("rlaifv", string.Empty, Description, "rlaifv <verb> [options]");
        var global = new GlobalOptions(root);
        root.Options.Add(new HelpOption { Action = new HelpAction { MaxWidth = HelpWidth }, Recursive = true });
        var version = new VersionOption();
        root.Options.Add(version);
        var services = new CliServices(stdout, stderr, terminal, buildModels, trainer);
        foreach (var verb in Verbs(services, global)) root.Subcommands.Add(verb);
        root.Subcommands.Add(HelpVerb(root, services));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0) return await UsageAsync(parse, global, services);
        if (parse.GetResult(version) is not null)
        {
            await stdout.WriteLineAsync($"rlaifv {Version}");
            return ExitCodes.Ok;
        }
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // StopSignals turns Ctrl+C / SIGTERM into a graceful stop
        });
    }

    private static IEnumerable<Command> Verbs(CliServices services, GlobalOptions global) =>
    [
        RunCommand.Create(services, global),
        CoordinateCommand.Create(services, global),
        GenerateCommand.Create(services, global),
        ReplayCommand.Create(services, global),
        TopicCommand.Create(services, global),
        TrainCommand.Create(services, global),
        BonCommand.Create(services, global),
        WorldCommand.Create(services, global),
        EvalCommand.Create(services, global),
        ValidateCommand.Create(services, global),
        ServeCommand.Create(services, global),
        BrokerCommand.Create(services, global),
    ];

    /// <summary><c>rlaifv help [verb ...]</c>: the same text as <c>--help</c>.</summary>
    private static Verb HelpVerb(Command root, CliServices services)
    {
        var path = new Argument<string[]>("verb") { Description = "the verb (and sub-verb) to describe", Arity = ArgumentArity.ZeroOrMore };
        var verb = new Verb("help", "help", "Show the verbs, or one verb's options.", "rlaifv help [VERB [SUB-VERB]]") { path };
        verb.SetAction(parse =>
        {
            string[] words = parse.GetValue(path) ?? [];
            var target = root.Parse([.. words, "--help"]);
            if (target.Errors.Count > 0 || target.UnmatchedTokens.Count > 0)
            {
                services.Stderr.WriteLine($"rlaifv help: unknown verb '{string.Join(' ', words)}'");
                services.Stderr.WriteLine("Run 'rlaifv --help' for the verbs.");
                return ExitCodes.Usage;
            }
            return target.Invoke(new InvocationConfiguration { Output = services.Stdout, Error = services.Stderr });
        });
        return verb;
    }

    /// <summary>A command line that did not parse: what is wrong, the verb's usage and where to read more; exit 2.</summary>
    private static async Task<int> UsageAsync(ParseResult parse, GlobalOptions global, CliServices services)
    {
        var command = parse.CommandResult.Command;
        var verb = command as Verb;
        string path = verb?.Path ?? command.Name;
        var problems = new List<string>();
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            problems.Add(token.StartsWith('-') ? $"unknown option '{token}'"
                : command.Subcommands.Count > 0 ? $"unknown {(path.Length == 0 ? "verb" : "sub-command")} '{token}'"
                : $"unexpected argument '{token}'");
        }
        foreach (var error in parse.Errors)
        {
            bool unmatched = error.SymbolResult is CommandResult && parse.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            bool noSubcommand = error.SymbolResult is CommandResult r && r.Command.Subcommands.Count > 0 && r.Command.Action is null;
            if (unmatched || (noSubcommand && problems.Count > 0)) continue;
            problems.Add(noSubcommand ? path.Length == 0 ? "no verb given" : $"a sub-command is needed: {CliOption.Words(command.Subcommands.Select(c => c.Name).ToList())}"
                : error.SymbolResult is ArgumentResult { Tokens.Count: 0 } missing ? $"{missing.Argument.Name} is needed"
                : error.Message);
        }

        string prefix = path.Length == 0 ? "rlaifv" : $"rlaifv {path}";
        string hint = $"Run '{prefix} --help' for {(command.Subcommands.Count > 0 ? "the verbs" : "every option")}.";
        using var output = new ConsoleOutput(services.Stdout, services.Stderr, global.Settings(parse, terminal: false));
        if (output.Settings.Format == LogFormat.Json)
        {
            output.Error($"{prefix}: {string.Join("; ", problems.Select(p => p.TrimEnd('.')))}. {hint}");
            return ExitCodes.Usage;
        }
        if (path.Length == 0 && parse.UnmatchedTokens.Count == 0 && problems.SequenceEqual(["no verb given"]))
        {
            // rlaifv alone: the whole help, and 2 (nothing was done).
            command.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = services.Stderr });
            return ExitCodes.Usage;
        }
        foreach (var problem in problems) await services.Stderr.WriteLineAsync($"{prefix}: {problem}");
        await services.Stderr.WriteLineAsync("Usage: " + (verb?.Usage ?? prefix + " [options]").ReplaceLineEndings(Environment.NewLine + "       "));
        await services.Stderr.WriteLineAsync(hint);
        return ExitCodes.Usage;
    }
}
