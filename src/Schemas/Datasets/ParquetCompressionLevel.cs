namespace RlaifV.Schemas.Datasets;

/// <summary>The pair files' compression level (<c>output.compression_level</c>; always set: Parquet.Net's default zstd level is very slow).</summary>
public enum ParquetCompressionLevel
{
    /// <summary><c>fastest</c> (default).</summary>
    Fastest,

    /// <summary><c>optimal</c>.</summary>
    Optimal,

    /// <summary><c>smallest</c>.</summary>
    Smallest,
}
