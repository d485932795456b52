using System.Globalization;
using System.Runtime.CompilerServices;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;

namespace RlaifV.Stages.Sources;

/// <summary>Prompts held in memory (the built-in world's scenes of a round), read in order like a file's records.</summary>
public sealed class PromptListSource(string name, IReadOnlyList<Prompt> prompts) : IPromptSource
{
    /// <inheritdoc />
    public string Name => name;

    /// <summary>The prompts.</summary>
    public IReadOnlyList<Prompt> Prompts => prompts;

    /// <inheritdoc />
    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (int i = 0; i < prompts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var p = prompts[i];
            yield return new IngestItem
            {
                Ticket = new PromptTicket(string.Create(CultureInfo.InvariantCulture, $"{name}#{i}"), i),
                Draft = PromptDraft.Of(p),
            };
            if (i % 256 == 255) await Task.Yield();
        }
    }
}
