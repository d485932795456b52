namespace RlaifV.Stages.Flow;

/// <summary>
/// Where a prompt's results go (Parquet files, Kafka topics, ...). Called once per prompt, in completion
/// order, never concurrently.
/// </summary>
public interface IResultSink : IAsyncDisposable
{
    /// <summary>Writes one prompt's scored candidates and pairs.</summary>
    ValueTask WriteAsync(PromptResult result, CancellationToken cancellationToken);

    /// <summary>Makes everything written so far durable (closes open files, flushes producers).</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
