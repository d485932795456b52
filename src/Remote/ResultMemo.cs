using System.Collections.Concurrent;
using RlaifV.Stages.Ports;

namespace RlaifV.Remote;

/// <summary>
/// The successes of a batch that failed as a whole, kept until the stage asks for them again: when one request of a stage
/// batch fails, the stage retries the batch's items one by one, and those answers are taken from here rather than asked
/// again (the same seeded request gives the same answer). Bounded: cleared when full.
/// </summary>
/// <typeparam name="T">An answer.</typeparam>
internal sealed class ResultMemo<T>
{
    private const int Limit = 8192;
    private readonly ConcurrentDictionary<string, T> answers = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends every request at once (the client bounds concurrency) and returns the answers in request order. When some
    /// fail, the others are kept and the first failure is thrown: a server out of reach first, then cancellation, then an
    /// item's fault.
    /// </summary>
    public async Task<IReadOnlyList<T>> RunAsync<TRequest>(IReadOnlyList<TRequest> requests, Func<TRequest, string> keyOf, Func<TRequest, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var keys = requests.Select(keyOf).ToList();
        var tasks = requests.Select((r, i) => answers.TryRemove(keys[i], out var kept) ? Task.FromResult(kept) : call(r, cancellationToken)).ToList();
        try
        {
            return await Task.WhenAll(tasks);
        }
        catch (Exception) when (tasks.Any(t => t.IsCompletedSuccessfully))
        {
            if (answers.Count + tasks.Count > Limit) answers.Clear();
            for (var i = 0; i < tasks.Count; i++)
                if (tasks[i].IsCompletedSuccessfully) answers[keys[i]] = tasks[i].Result;
            throw First(tasks);
        }
        catch (Exception)
        {
            throw First(tasks);
        }
    }

    private static Exception First(List<Task<T>> tasks)
    {
        var errors = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
        return errors.OfType<ModelUnavailableException>().FirstOrDefault()
            ?? errors.OfType<OperationCanceledException>().FirstOrDefault()
            ?? (Exception?)errors.FirstOrDefault()
            ?? new OperationCanceledException("a request was cancelled");
    }
}
