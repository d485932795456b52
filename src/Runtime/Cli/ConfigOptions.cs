using System.CommandLine;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>--config</c> and the configuration overrides a verb takes (the same names, values and help on every verb),
/// bound to <see cref="ConfigOverrides"/>.
/// </summary>
internal sealed class ConfigOptions
{
    /// <summary>The configuration file read when <c>--config</c> is not given.</summary>
    public const string DefaultConfig = "pipeline.yaml";

    private readonly Option<string> _config = new("--config")
    {
        Description = "pipeline configuration file",
        HelpName = "FILE",
        DefaultValueFactory = _ => DefaultConfig,
    };

    private readonly Option<string?>? _input;
    private readonly Option<string?>? _output;
    private readonly Option<int?>? _round;
    private readonly Option<InputSource?>? _source;
    private readonly Option<string?>? _bootstrap;
    private readonly Option<int?>? _rounds;
    private readonly Option<int?>? _promptsPerRound;
    private readonly Option<int?>? _heldOut;

    /// <summary>Adds <c>--config</c> and the <paramref name="overrides"/> to <paramref name="command"/>.</summary>
    public ConfigOptions(Command command, ConfigOverride overrides)
    {
        command.Options.Add(_config);
        _input = Add(command, overrides, ConfigOverride.Input, () => CliOption.Text("--input", "FILE", "prompts file, JSONL or Parquet (overrides input.path; replaces the built-in world; with kafka it is loaded onto the prompts topic first)"));
        _output = Add(command, overrides, ConfigOverride.Output, () => CliOption.Text("--output", "DIR", "output folder (overrides output.dir)"));
        _round = Add(command, overrides, ConfigOverride.Round, () => CliOption.Whole("--round", 0, "round number (overrides run.round)"));
        _source = Add(command, overrides, ConfigOverride.Source, () => CliOption.OneOf<InputSource>("--source", "where prompts come from (overrides input.source)"));
        _bootstrap = Add(command, overrides, ConfigOverride.Bootstrap, () => CliOption.Text("--bootstrap", "HOST:PORT[,HOST:PORT]", "Kafka bootstrap servers (overrides kafka.bootstrap_servers)"));
        _rounds = Add(command, overrides, ConfigOverride.Rounds, () => CliOption.Whole("--rounds", 1, "rounds to run (overrides run.rounds)"));
        _promptsPerRound = Add(command, overrides, ConfigOverride.PromptsPerRound, () => CliOption.Whole("--prompts-per-round", 1, "fresh prompts per round (overrides run.prompts_per_round)"));
        _heldOut = Add(command, overrides, ConfigOverride.HeldOut, () => CliOption.Whole("--held-out", 0, "held-out scenes each policy is measured on, 0 for none (overrides world.held_out)"));
    }

    /// <summary>The values given on the command line.</summary>
    public ConfigOverrides Bind(ParseResult parse) => new()
    {
        Config = parse.GetValue(_config) ?? DefaultConfig,
        Input = Get(parse, _input),
        Output = Get(parse, _output),
        Round = Get(parse, _round),
        Source = Get(parse, _source),
        Bootstrap = Get(parse, _bootstrap),
        Rounds = Get(parse, _rounds),
        PromptsPerRound = Get(parse, _promptsPerRound),
        HeldOut = Get(parse, _heldOut),
    };

    private static Option<T>? Add<T>(Command command, ConfigOverride wanted, ConfigOverride which, Func<Option<T>> create)
    {
        if (!wanted.HasFlag(which))
        {
            return null;
        }
        var option = create();
        command.Options.Add(option);
        return option;
    }

    private static T? Get<T>(ParseResult parse, Option<T>? option) => option is null ? default : parse.GetValue(option);
}
