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

    /// <summary>Bounded capacity of ingest's input, in prompts.</summary>
    public int Capacity { get; init; } = 64;

    /// <summary>Prompts validated concurrently (image reads overlap).</summary>
    public int Parallelism { get; init; } = 2;
}
