using RlaifV.Stages.Flow;

namespace RlaifV.Stages.Sources;

/// <summary>A source of prompts: a file, a dataset, a topic.</summary>
public interface IPromptSource
{
    /// <summary>A short name for file names and logs (for example the input file's name).</summary>
    string Name { get; }

    /// <summary>Reads the items in order; every record yields exactly one item (parsed or not).</summary>
    IAsyncEnumerable<IngestItem> ReadAsync(CancellationToken cancellationToken);
}
