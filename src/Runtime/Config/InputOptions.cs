namespace RlaifV.Runtime.Config;

/// <summary>input: where prompts come from in file mode.</summary>
public sealed record InputOptions
{
    /// <summary>A JSONL or Parquet file of prompts.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>"auto" (by extension), "jsonl" or "parquet".</summary>
    public string Format { get; init; } = "auto";
}
