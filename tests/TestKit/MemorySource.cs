using System.Runtime.CompilerServices;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;

namespace RlaifV.TestKit;

/// <summary>A source over in-memory items; counts how many it handed out.</summary>
public sealed class MemorySource(IEnumerable<IngestItem> items) : IPromptSource
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
