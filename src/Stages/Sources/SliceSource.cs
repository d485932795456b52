using System.Runtime.CompilerServices;
using RlaifV.Stages.Flow;

namespace RlaifV.Stages.Sources;

/// <summary>
/// Records [<paramref name="skip"/>, <paramref name="skip"/> + <paramref name="take"/>) of another source: round r of
/// <c>rlaifv run</c> over one prompts file takes its own slice, so every round's prompts are fresh. Records that fail to
/// parse count like any other (they are dead-lettered in the round whose slice holds them).
/// </summary>
public sealed class SliceSource(IPromptSource inner, long skip, long take) : IPromptSource
{
    /// <inheritdoc />
    public string Name => $"{inner.Name}[{skip}..{skip + take})";

    /// <inheritdoc />
    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long index = 0;
        await foreach (var item in inner.ReadAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            if (index >= skip + take) yield break;
            if (index++ >= skip) yield return item;
        }
    }
}
