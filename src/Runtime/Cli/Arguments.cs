using System.Globalization;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Cli;

/// <summary>The options of a verb, parsed strictly (unknown options and missing values are errors).</summary>
public sealed record Arguments
{
    private static readonly string[] Known = ["--config", "--input", "--output", "--round"];

    /// <summary>--config.</summary>
    public string Config { get; init; } = "pipeline.yaml";

    /// <summary>--input.</summary>
    public string? Input { get; init; }

    /// <summary>--output.</summary>
    public string? Output { get; init; }

    /// <summary>--round.</summary>
    public int? Round { get; init; }

    /// <summary>Parses the options after the verb.</summary>
    public static Arguments Parse(string[] args)
    {
        var result = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!Known.Contains(name)) throw new ArgumentException($"unknown option '{name}'");
            if (i + 1 >= args.Length) throw new ArgumentException($"option '{name}' needs a value");
            var value = args[++i];
            result = name switch
            {
                "--config" => result with { Config = value },
                "--input" => result with { Input = value },
                "--output" => result with { Output = value },
                _ => result with
                {
                    Round = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r >= 0
                        ? r : throw new ArgumentException($"--round = '{value}': allowed is a whole number ≥ 0"),
                },
            };
        }
        return result;
    }

    /// <summary>Loads the config file and applies the command-line overrides, then validates.</summary>
    public PipelineOptions LoadOptions()
    {
        var o = ConfigLoader.LoadFile(Config);
        if (Input is not null) o = o with { Input = o.Input with { Path = Path.GetFullPath(Input) } };
        if (Output is not null) o = o with { Output = o.Output with { Dir = Path.GetFullPath(Output) } };
        if (Round is { } round) o = o with { Run = o.Run with { Round = round } };
        return ConfigLoader.Validate(o);
    }
}
