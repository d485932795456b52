using RlaifV.Schemas.Datasets;

namespace RlaifV.Stages.Options;

/// <summary>output: where pairs and dead letters go in file mode.</summary>
public sealed record OutputOptions
{
    /// <summary>Output folder; pairs go under <c>pairs/{profile}/round-NNNN/</c>.</summary>
    public string Dir { get; init; } = "out";

    /// <summary>Parquet profiles to write: "rlaifv" (the released dataset's columns) and/or "trl" (vision DPO).</summary>
    public List<PairProfile> Profiles { get; init; } = [PairProfile.Rlaifv, PairProfile.Trl];

    /// <summary>Pairs per Parquet file; a file is closed and renamed into place when full.</summary>
    public int RowsPerFile { get; init; } = 5_000;

    /// <summary>Parquet compression: "zstd", "snappy", "gzip" or "none".</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Zstd;

    /// <summary>Compression level: fastest, optimal or smallest (always set: Parquet.Net's default zstd level is very slow).</summary>
    public ParquetCompressionLevel CompressionLevel { get; init; } = ParquetCompressionLevel.Fastest;

    /// <summary>
    /// Kafka mode and replay: also write the round's pairs as Parquet (default true), exported from the pairs
    /// topic up to the end offsets recorded at round completion, duplicates dropped by pair id. File mode
    /// always writes Parquet.
    /// </summary>
    public bool Parquet { get; init; } = true;

    /// <summary>Dead letters file (JSON lines), relative to <see cref="Dir"/> unless absolute.</summary>
    public string DeadLetters { get; init; } = "dead-letters.jsonl";
}
