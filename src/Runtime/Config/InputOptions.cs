using RlaifV.Stages.Sources;

namespace RlaifV.Runtime.Config;

/// <summary>input: where prompts come from.</summary>
public sealed record InputOptions
{
    /// <summary>
    /// file (default): prompts from <see cref="Path"/>, pairs to Parquet. kafka: prompts from the prompts
    /// topic, outputs to the round's topics (see the kafka section); a <see cref="Path"/> given then is loaded
    /// onto the prompts topic first. world: prompts are scenes of the built-in world (see the world section),
    /// fresh for every round.
    /// </summary>
    public InputSource Source { get; init; } = InputSource.File;

    /// <summary>A JSONL or Parquet file of prompts (in kafka mode: optional, loaded onto the prompts topic first).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>auto (by extension), jsonl or parquet.</summary>
    public PromptFileFormat Format { get; init; } = PromptFileFormat.Auto;
}
