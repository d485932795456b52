namespace RlaifV.Schemas.Datasets;

/// <summary>The pair files' compression (<c>output.compression</c>).</summary>
public enum ParquetCompression
{
    /// <summary><c>zstd</c> (default).</summary>
    Zstd,

    /// <summary><c>snappy</c>.</summary>
    Snappy,

    /// <summary><c>gzip</c>.</summary>
    Gzip,

    /// <summary><c>none</c>.</summary>
    None,
}
