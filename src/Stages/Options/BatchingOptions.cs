namespace RlaifV.Stages.Options;

/// <summary>How a stage groups its inputs into model calls.</summary>
public sealed record BatchingOptions
{
    /// <summary>Items per call. Larger calls use a GPU better; the flush bounds the wait.</summary>
    public int Size { get; init; } = 16;

    /// <summary>A partial batch is sent when no batch started for this long (milliseconds).</summary>
    public int FlushMs { get; init; } = 100;

    /// <summary>Bounded capacity of the stage's input buffer, in items (at least <see cref="Size"/>).</summary>
    public int Capacity { get; init; } = 64;

    /// <summary>Batches processed concurrently.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>
    /// Consecutive item failures (no success between them) after which the stage stops the run: one bad
    /// item is dead-lettered, a model that fails every item is a fault.
    /// </summary>
    public int MaxConsecutiveFailures { get; init; } = 16;
}
