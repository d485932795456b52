using System.Collections.Concurrent;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;

namespace RlaifV.TestKit;

/// <summary>Collects dead letters in memory.</summary>
public sealed class MemoryDeadLetterSink : IDeadLetterSink
{
    private readonly ConcurrentQueue<DeadLetter> letters = new();

    /// <summary>Everything written, in order.</summary>
    public IReadOnlyList<DeadLetter> Letters => letters.ToList();

    /// <inheritdoc />
    public ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        letters.Enqueue(letter);
        return ValueTask.CompletedTask;
    }
}
