using System.Runtime.CompilerServices;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;

namespace RlaifV.PipelineBench;

/// <summary>A source over a prepared list.</summary>
internal sealed class ListSource(IReadOnlyList<IngestItem> items) : IPromptSource
{
    public string Name => "bench";

    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items) yield return item;
        await Task.CompletedTask;
    }
}
