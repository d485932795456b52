namespace RlaifV.Stages.Flow;

/// <summary>
/// Where a prompt's results go (Parquet files, Kafka topics, ...). Called once per prompt, in completion
/// order and never concurrently, unless the sink allows several writes at once
/// (<see cref="MaxConcurrentWrites"/>); <see cref="FlushAsync"/> runs after every write has returned.
/// </summary>
public interface IResultSink : IAsyncDisposable
{
    /// <summary>
    /// How many prompts' writes may be in flight at once (default 1: one at a time). A thread-safe sink whose
    /// write waits on something slow, such as a broker's acknowledgement, allows more so the waits overlap.
    /// </summary>
    int MaxConcurrentWrites => 1;

    /// <summary>Writes one prompt's scored candidates and pairs.</summary>
    ValueTask WriteAsync(PromptResult result, CancellationToken cancellationToken);

    /// <summary>Makes everything written so far durable (closes open files, flushes producers).</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
