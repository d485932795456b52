using System.Runtime.CompilerServices;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Flow;

namespace RlaifV.Stages.Sources;

/// <summary>
/// Prompts from a Parquet file in the released RLAIF-V dataset's layout (<see cref="RlaifvDataset.ReadPromptsAsync"/>),
/// read one row group at a time so memory stays bounded, strictly (column types, row group size, text encoding).
/// </summary>
/// <param name="path">The file.</param>
/// <param name="maxRecordBytes">The record limit (<c>ingest.max_record_bytes</c>).</param>
public sealed class ParquetPromptSource(string path, long maxRecordBytes) : IPromptSource
{
    /// <summary>A source with the default record limit.</summary>
    public ParquetPromptSource(string path)
        : this(path, new Options.IngestOptions().MaxRecordBytes)
    {
    }

    /// <inheritdoc />
    public string Name => Path.GetFileNameWithoutExtension(path);

    /// <inheritdoc />
    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(path);
        long row = 0;
        await foreach (var parsed in RlaifvDataset.ReadPromptsAsync(path, maxRecordBytes, cancellationToken).WithCancellation(cancellationToken))
        {
            row++;
            yield return IngestItem.Of(new PromptTicket($"{fileName}#row{row}", row), parsed);
        }
    }
}
