namespace RlaifV.Stages.Options;

/// <summary>Ingest: validation and image resolution.</summary>
public sealed record IngestOptions
{
    /// <summary>Image paths must resolve inside this folder (symbolic links included).</summary>
    public string ImageRoot { get; init; } = ".";

    /// <summary>Larger images are dead-lettered (bytes).</summary>
    public long MaxImageBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Larger images (width or height, pixels) are dead-lettered.</summary>
    public int MaxImageSide { get; init; } = 16_384;

    /// <summary>
    /// Images of more pixels (width × height) are dead-lettered before they are decoded (default 50,000,000: the RGBA
    /// buffer a decode needs stays under 200 MB however well a huge image compresses).
    /// </summary>
    public long MaxImagePixels { get; init; } = 50_000_000;

    /// <summary>
    /// Longer instructions are dead-lettered (<c>prompt_too_long</c>) before any model sees them (characters; default 8192,
    /// far above any real instruction: the released RLAIF-V questions are under 1,000).
    /// </summary>
    public int MaxInstructionChars { get; init; } = 8192;

    /// <summary>
    /// Larger input records (a JSONL line, a Parquet row group's cells of one row, a Kafka message's value) are
    /// dead-lettered (<c>record_too_large</c>) without being parsed; a JSONL line is never held whole (bytes; default
    /// 32 MiB, room for a 20 MiB image in base64).
    /// </summary>
    public long MaxRecordBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// Repeated prompt ids are dead-lettered (<c>duplicate_id</c>) when the first one is among the last this many distinct
    /// ids (default 1,000,000; memory stays bounded in a service that never ends). A repeat further back is processed
    /// again; its candidates, verdicts and pairs get the same deterministic ids as the first time, so the Kafka readers,
    /// the Parquet export and the trainer drop them by id (a file run's Parquet files would hold both copies).
    /// </summary>
    public int DedupWindow { get; init; } = 1_000_000;

    /// <summary>Bounded capacity of ingest's input, in prompts.</summary>
    public int Capacity { get; init; } = 64;

    /// <summary>Prompts validated concurrently (image reads overlap).</summary>
    public int Parallelism { get; init; } = 2;
}
