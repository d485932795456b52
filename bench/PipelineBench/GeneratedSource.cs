using System.Runtime.CompilerServices;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;
using RlaifV.TestKit;

namespace RlaifV.PipelineBench;

/// <summary>A source that makes its items on the fly (nothing held in memory ahead of the graph).</summary>
internal sealed class GeneratedSource(int count) : IPromptSource
{
    public string Name => "generated";

    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++) yield return Items.Ingest($"p{i}", i);
        await Task.CompletedTask;
    }
}
