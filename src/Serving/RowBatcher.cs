using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RlaifV.Models;

namespace RlaifV.Serving;

/// <summary>
/// Batches the rows of concurrent requests into shared forward passes on one model: after the first row arrives it
/// collects more for <see cref="ServeOptions.BatchWindowMs"/> (or until <see cref="ServeOptions.MaxBatchRows"/>), groups
/// them by their settings (rows of one pass share them) and generates each group in one call; rows that arrive meanwhile
/// wait for the next pass. With <c>MaxBatchRows</c> 1 every row is its own forward pass. The queue is bounded
/// (<see cref="ServeOptions.MaxQueuedRows"/>): a full queue refuses rows, which the server answers with 429.
/// </summary>
internal sealed class RowBatcher : IAsyncDisposable
{
    private readonly LlavaBackend backend;
    private readonly string name;
    private readonly ServeOptions options;
    private readonly ServeMetrics metrics;
    private readonly ILogger logger;
    private readonly Channel<Pending> queue;
    private readonly Task loop;

    public RowBatcher(LlavaBackend backend, string name, ServeOptions options, ServeMetrics metrics, ILogger logger)
    {
        this.backend = backend;
        this.name = name;
        this.options = options;
        this.metrics = metrics;
        this.logger = logger;
        queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MaxQueuedRows) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        loop = Task.Run(RunAsync);
    }

    public LlavaBackend Backend => backend;

    /// <summary>Queues rows (all or none); null when the queue has no room for them.</summary>
    public IReadOnlyList<Task<RowResult>>? TrySubmit(IReadOnlyList<TokenizedPrompt> rows, RowSettings settings)
    {
        var pending = rows.Select(r => new Pending(r, settings, new TaskCompletionSource<RowResult>(TaskCreationOptions.RunContinuationsAsynchronously))).ToList();
        lock (queue)
        {
            if (queue.Reader.Count + pending.Count > options.MaxQueuedRows) return null;
            foreach (var p in pending)
                if (!queue.Writer.TryWrite(p)) return null;
        }
        return pending.Select(p => p.Result.Task).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        backend.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var window = Stopwatch.StartNew();
            while (batch.Count < options.MaxBatchRows)
            {
                if (reader.TryRead(out var row))
                {
                    batch.Add(row);
                    continue;
                }
                var left = TimeSpan.FromMilliseconds(options.BatchWindowMs) - window.Elapsed;
                if (batch.Count > 0 && (options.MaxBatchRows == 1 || left <= TimeSpan.Zero)) break;
                using var timeout = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
                try
                {
                    if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false)) break;
                }
                catch (OperationCanceledException)
                {
                    if (batch.Count > 0) break;
                }
            }
            foreach (var group in batch.GroupBy(p => p.Settings))
                await RunGroupAsync(group.Key, group.ToList()).ConfigureAwait(false);
        }
    }

    private async Task RunGroupAsync(RowSettings settings, List<Pending> rows)
    {
        metrics.BatchRows.Observe(rows.Count);
        try
        {
            var result = await backend.RunExclusiveAsync(
                () => backend.Engine.Generate(rows.Select(r => r.Prompt).ToList(), settings.Generation, backend.StopIds, topLogProbs: settings.TopLogprobs),
                CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < rows.Count; i++)
                rows[i].Result.TrySetResult(new RowResult(result.Tokens[i], result.Stopped[i], result.LogProbs?[i]));
        }
        catch (Exception e)
        {
            Log.ForwardFailed(logger, e, rows.Count, name);
            foreach (var row in rows) row.Result.TrySetException(e);
        }
    }

    private sealed record Pending(TokenizedPrompt Prompt, RowSettings Settings, TaskCompletionSource<RowResult> Result);
}
