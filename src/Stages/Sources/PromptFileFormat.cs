namespace RlaifV.Stages.Sources;

/// <summary>The format of a prompts file (<c>input.format</c>).</summary>
public enum PromptFileFormat
{
    /// <summary><c>auto</c>: by the file's extension.</summary>
    Auto,

    /// <summary><c>jsonl</c>: JSON lines (<see cref="JsonlPromptSource"/>).</summary>
    Jsonl,

    /// <summary><c>parquet</c>: the released RLAIF-V dataset's layout (<see cref="ParquetPromptSource"/>).</summary>
    Parquet,
}
