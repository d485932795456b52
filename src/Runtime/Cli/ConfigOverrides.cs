using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Cli;

/// <summary>The configuration file a verb reads and the settings its command line overrides (null: not given).</summary>
public sealed record ConfigOverrides
{
    /// <summary>--config: the pipeline configuration file.</summary>
    public string Config { get; init; } = ConfigOptions.DefaultConfig;

    /// <summary>--input: a prompts file (overrides input.path).</summary>
    public string? Input { get; init; }

    /// <summary>--output: the output folder (overrides output.dir).</summary>
    public string? Output { get; init; }

    /// <summary>--round: overrides run.round.</summary>
    public int? Round { get; init; }

    /// <summary>--source: file, kafka or world (overrides input.source).</summary>
    public InputSource? Source { get; init; }

    /// <summary>--bootstrap: Kafka bootstrap servers (overrides kafka.bootstrap_servers).</summary>
    public string? Bootstrap { get; init; }

    /// <summary>--rounds: overrides run.rounds.</summary>
    public int? Rounds { get; init; }

    /// <summary>--prompts-per-round: overrides run.prompts_per_round.</summary>
    public int? PromptsPerRound { get; init; }

    /// <summary>--held-out: overrides world.held_out.</summary>
    public int? HeldOut { get; init; }

    /// <summary>Loads the config file (none needed when it is the default and absent) and applies the overrides, then validates.</summary>
    public PipelineOptions LoadOptions(bool configOptional = false)
    {
        var o = configOptional && Config == ConfigOptions.DefaultConfig && !File.Exists(Config) ? new PipelineOptions() : ConfigLoader.LoadFile(Config);
        // A prompts file given on the command line replaces the built-in world as the source (kafka mode loads it).
        if (Input is not null) o = o with { Input = o.Input with { Path = Path.GetFullPath(Input), Source = o.Input.Source == InputSource.World ? InputSource.File : o.Input.Source } };
        if (Output is not null) o = WithOutput(o, Path.GetFullPath(Output));
        if (Round is { } round) o = o with { Run = o.Run with { Round = round } };
        if (Source is { } source) o = o with { Input = o.Input with { Source = source } };
        if (Bootstrap is not null) o = o with { Kafka = o.Kafka with { BootstrapServers = Bootstrap } };
        if (Rounds is { } rounds) o = o with { Run = o.Run with { Rounds = rounds } };
        if (PromptsPerRound is { } perRound) o = o with { Run = o.Run with { PromptsPerRound = perRound } };
        if (HeldOut is { } heldOut) o = o with { World = o.World with { HeldOut = heldOut } };
        return ConfigLoader.Validate(o);
    }

    /// <summary>
    /// --output: output.dir becomes <paramref name="dir"/>, and a <c>training.checkpoints_dir</c> inside the configured
    /// output.dir moves with it (out/checkpoints → DIR/checkpoints), so that a run with another output folder never resumes
    /// from, or overwrites, the checkpoints of the run that wrote the configured one.
    /// </summary>
    internal static PipelineOptions WithOutput(PipelineOptions o, string dir)
    {
        var old = Path.GetFullPath(o.Output.Dir);
        var checkpoints = Path.GetFullPath(o.Training.CheckpointsDir);
        var inside = Path.GetRelativePath(old, checkpoints);
        var moved = inside != "." && !inside.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(inside)
            ? Path.Combine(dir, inside)
            : o.Training.CheckpointsDir;
        return o with { Output = o.Output with { Dir = dir }, Training = o.Training with { CheckpointsDir = moved } };
    }
}
