using System.Globalization;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// The options of a verb, parsed strictly (unknown options and missing values are errors). Words that are
/// not options are kept in <see cref="Positionals"/>; verbs that take none reject them.
/// </summary>
public sealed record Arguments
{
    private static readonly string[] Known = ["--config", "--input", "--output", "--round", "--source", "--bootstrap", "--from", "--variant", "--limit", "--image", "--prompt", "--n", "--aligned", "--reference", "--rounds", "--prompts-per-round", "--held-out"];
    private static readonly string[] Flags = ["--until-caught-up"];

    /// <summary>--config.</summary>
    public string Config { get; init; } = "pipeline.yaml";

    /// <summary>--input.</summary>
    public string? Input { get; init; }

    /// <summary>--output.</summary>
    public string? Output { get; init; }

    /// <summary>--round.</summary>
    public int? Round { get; init; }

    /// <summary>--source: file or kafka (overrides input.source).</summary>
    public string? Source { get; init; }

    /// <summary>--bootstrap: Kafka bootstrap servers (overrides kafka.bootstrap_servers).</summary>
    public string? Bootstrap { get; init; }

    /// <summary>--from: the topic kind a replay starts after (candidates or verdicts).</summary>
    public string? From { get; init; }

    /// <summary>--variant: the name of a replay's output topics.</summary>
    public string? Variant { get; init; }

    /// <summary>--limit: at most this many messages.</summary>
    public long? Limit { get; init; }

    /// <summary>--image: an image file (bon).</summary>
    public string? Image { get; init; }

    /// <summary>--prompt: an instruction (bon).</summary>
    public string? Prompt { get; init; }

    /// <summary>--n: candidates per prompt (bon; overrides training.bon_n).</summary>
    public int? N { get; init; }

    /// <summary>--aligned: the DPO-trained checkpoint whose reward scores candidates (bon).</summary>
    public string? Aligned { get; init; }

    /// <summary>--reference: the aligned model's reference checkpoint (bon).</summary>
    public string? Reference { get; init; }

    /// <summary>--until-caught-up: stop once the prompts topic's end offsets seen at start are done.</summary>
    public bool UntilCaughtUp { get; init; }

    /// <summary>--rounds: overrides run.rounds.</summary>
    public int? Rounds { get; init; }

    /// <summary>--prompts-per-round: overrides run.prompts_per_round.</summary>
    public int? PromptsPerRound { get; init; }

    /// <summary>--held-out: overrides world.held_out.</summary>
    public int? HeldOut { get; init; }

    /// <summary>Words that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; init; } = [];

    /// <summary>Parses the options after the verb.</summary>
    public static Arguments Parse(string[] args)
    {
        var result = new Arguments();
        var positionals = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (Flags.Contains(name))
            {
                result = result with { UntilCaughtUp = true };
                continue;
            }
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(name);
                continue;
            }
            if (!Known.Contains(name)) throw new ArgumentException($"unknown option '{name}'");
            if (i + 1 >= args.Length) throw new ArgumentException($"option '{name}' needs a value");
            var value = args[++i];
            result = name switch
            {
                "--config" => result with { Config = value },
                "--input" => result with { Input = value },
                "--output" => result with { Output = value },
                "--source" => result with { Source = value is "file" or "kafka" or "world" ? value : throw new ArgumentException($"--source = '{value}': allowed is file, kafka or world") },
                "--rounds" => result with { Rounds = Whole(name, value, 1) },
                "--prompts-per-round" => result with { PromptsPerRound = Whole(name, value, 1) },
                "--held-out" => result with { HeldOut = Whole(name, value, 0) },
                "--bootstrap" => result with { Bootstrap = value },
                "--from" => result with { From = value is "candidates" or "verdicts" ? value : throw new ArgumentException($"--from = '{value}': allowed is candidates or verdicts") },
                "--variant" => result with { Variant = value },
                "--image" => result with { Image = value },
                "--prompt" => result with { Prompt = value },
                "--aligned" => result with { Aligned = value },
                "--reference" => result with { Reference = value },
                "--n" => result with
                {
                    N = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1
                        ? n : throw new ArgumentException($"--n = '{value}': allowed is a whole number ≥ 1"),
                },
                "--limit" => result with
                {
                    Limit = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l >= 0
                        ? l : throw new ArgumentException($"--limit = '{value}': allowed is a whole number ≥ 0"),
                },
                _ => result with
                {
                    Round = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r >= 0
                        ? r : throw new ArgumentException($"--round = '{value}': allowed is a whole number ≥ 0"),
                },
            };
        }
        return result with { Positionals = positionals };
    }

    private static int Whole(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n : throw new ArgumentException($"{name} = '{value}': allowed is a whole number ≥ {min}");

    /// <summary>Loads the config file (none needed when it is the default and absent) and applies the overrides, then validates.</summary>
    public PipelineOptions LoadOptions(bool configOptional = false)
    {
        var o = configOptional && Config == "pipeline.yaml" && !File.Exists(Config) ? new PipelineOptions() : ConfigLoader.LoadFile(Config);
        // A prompts file given on the command line replaces the built-in world as the source (kafka mode loads it).
        if (Input is not null) o = o with { Input = o.Input with { Path = Path.GetFullPath(Input), Source = o.Input.Source == InputSource.World ? InputSource.File : o.Input.Source } };
        if (Output is not null) o = o with { Output = o.Output with { Dir = Path.GetFullPath(Output) } };
        if (Round is { } round) o = o with { Run = o.Run with { Round = round } };
        if (Source is not null) o = o with { Input = o.Input with { Source = Enum.Parse<InputSource>(Source, ignoreCase: true) } };
        if (Bootstrap is not null) o = o with { Kafka = o.Kafka with { BootstrapServers = Bootstrap } };
        if (Rounds is { } rounds) o = o with { Run = o.Run with { Rounds = rounds } };
        if (PromptsPerRound is { } perRound) o = o with { Run = o.Run with { PromptsPerRound = perRound } };
        if (HeldOut is { } heldOut) o = o with { World = o.World with { HeldOut = heldOut } };
        return ConfigLoader.Validate(o);
    }
}
