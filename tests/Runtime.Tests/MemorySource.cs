using System.Runtime.CompilerServices;
using RlaifV.Runtime.Pipeline;
using RlaifV.Stages.Flow;

namespace RlaifV.Runtime.Tests;

/// <summary>A source over in-memory items; counts how many it handed out.</summary>
internal sealed class MemorySource(IEnumerable<IngestItem> items) : IPromptSource
{
    private int read;

    public string Name => "memory";

    public int Read => read;

    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref read);
            yield return item;
            await Task.Yield();
        }
    }
}
