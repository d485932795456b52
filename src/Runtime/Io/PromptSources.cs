using RlaifV.Runtime.Config;
using RlaifV.Runtime.Pipeline;

namespace RlaifV.Runtime.Io;

/// <summary>Opens the configured file source.</summary>
public static class PromptSources
{
    /// <summary>The source for <paramref name="input"/>; a missing file or unknown format is a config error.</summary>
    public static IPromptSource Open(InputOptions input)
    {
        if (string.IsNullOrWhiteSpace(input.Path)) throw new ConfigException("input.path is empty: name a JSONL or Parquet file of prompts (or pass --input)");
        if (!File.Exists(input.Path)) throw new ConfigException($"input.path = {input.Path}: the file does not exist");
        var format = input.Format == "auto"
            ? Path.GetExtension(input.Path).ToLowerInvariant() switch
            {
                ".parquet" => "parquet",
                ".jsonl" or ".json" or ".ndjson" => "jsonl",
                var ext => throw new ConfigException($"input.format = auto: cannot tell the format of '{ext}' files; set input.format to jsonl or parquet"),
            }
            : input.Format;
        return format == "parquet" ? new ParquetPromptSource(input.Path) : new JsonlPromptSource(input.Path);
    }
}
