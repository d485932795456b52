using System.Runtime.CompilerServices;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Flow;

namespace RlaifV.Stages.Sources;

/// <summary>
/// Prompts from a JSON-lines file in either of the layouts <see cref="PromptJsonl"/> reads. Blank lines are skipped; a
/// line that is not a JSON object still yields an item, with its parse error, so it is dead-lettered rather than lost.
/// </summary>
/// <param name="path">The file.</param>
public sealed class JsonlPromptSource(string path) : IPromptSource
{
    /// <inheritdoc />
    public string Name => Path.GetFileNameWithoutExtension(path);

    /// <inheritdoc />
    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var fileName = Path.GetFileName(path);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var ticket = new PromptTicket($"{fileName}:{lineNumber}", lineNumber);
            yield return Parse(line, ticket);
        }
    }

    /// <summary>Parses one line into an item (a draft, or the reason it is not one).</summary>
    public static IngestItem Parse(string line, PromptTicket ticket) => IngestItem.Of(ticket, PromptJsonl.Parse(line));
}
