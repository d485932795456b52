using RlaifV.Stages.Options;

namespace RlaifV.Stages.Sources;

/// <summary>Opens a prompts file as a source: JSONL (<see cref="JsonlPromptSource"/>) or Parquet (<see cref="ParquetPromptSource"/>).</summary>
public static class PromptFiles
{
    /// <summary>The source for the file at <paramref name="path"/>; a missing file or unknown format is a config error.</summary>
    /// <param name="path">The file (<c>input.path</c>).</param>
    /// <param name="format"><c>input.format</c>: by extension (auto), jsonl or parquet.</param>
    /// <param name="ingest">The ingest limits the file source applies while reading (<c>ingest.max_record_bytes</c>); default settings when null.</param>
    public static IPromptSource Open(string path, PromptFileFormat format, IngestOptions? ingest = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigException("input.path is empty: name a JSONL or Parquet file of prompts (or pass --input)");
        if (!File.Exists(path)) throw new ConfigException($"input.path = {path}: the file does not exist");
        var resolved = format == PromptFileFormat.Auto
            ? Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".parquet" => PromptFileFormat.Parquet,
                ".jsonl" or ".json" or ".ndjson" => PromptFileFormat.Jsonl,
                var ext => throw new ConfigException($"input.format = auto: cannot tell the format of '{ext}' files; set input.format to jsonl or parquet"),
            }
            : format;
        var limits = ingest ?? new IngestOptions();
        return resolved == PromptFileFormat.Parquet ? new ParquetPromptSource(path, limits.MaxRecordBytes) : new JsonlPromptSource(path, limits.MaxRecordBytes);
    }
}
