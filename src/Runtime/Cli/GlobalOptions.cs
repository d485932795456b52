using System.CommandLine;
using RlaifV.Runtime.Hosting;

namespace RlaifV.Runtime.Cli;

/// <summary>The options every verb takes (<c>--verbose</c>, <c>--log-format</c>), given before or after the verb.</summary>
internal sealed class GlobalOptions
{
    private readonly Option<bool> _verbose = new("--verbose")
    {
        Description = "also show detail records, such as every training step (log level Debug)",
        Recursive = true,
    };

    private readonly Option<string?> _logFormat = CliOption.OneOf("--log-format", "standard error for a person (text: progress and one line per step) or for a log collector (json: one JSON object per line, progress included)", "text", "json");

    /// <summary>Adds the options to <paramref name="root"/> and every verb under it.</summary>
    public GlobalOptions(Command root)
    {
        _logFormat.Recursive = true;
        _logFormat.DefaultValueFactory = _ => "text";
        root.Options.Add(_verbose);
        root.Options.Add(_logFormat);
    }

    /// <summary>How the verb writes standard error.</summary>
    public ConsoleSettings Settings(ParseResult parse, bool terminal)
    {
        // A --log-format value that is not allowed is a parse error; its text is still read here, so that the error
        // itself is written in the format asked for when that one was valid.
        bool json = parse.GetValue(_logFormat) == "json";
        return new ConsoleSettings(json ? LogFormat.Json : LogFormat.Text, parse.GetValue(_verbose), terminal);
    }
}
