using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>
/// Reads Parquet files in the RLAIF-V layout (<see cref="RlaifvPairRow"/>): the "rlaifv" pair profile this project
/// writes, which the trainer reads back, and the released RLAIF-V dataset, whose rows are read as prompts.
/// </summary>
public static class RlaifvDataset
{
    /// <summary>Every row of <paramref name="file"/>, in file order.</summary>
    public static async Task<IList<RlaifvPairRow>> ReadAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return (await ParquetSerializer.DeserializeAsync<RlaifvPairRow>(stream, cancellationToken: cancellationToken)).Data;
    }

    /// <summary>
    /// The prompts of <paramref name="file"/> (image{bytes,path}, question, idx, ds_name, origin_dataset, image_path, …),
    /// read one row group at a time so memory stays bounded; one record per row, in order.
    /// </summary>
    public static async IAsyncEnumerable<ParsedPrompt> ReadPromptsAsync(string file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        int groups;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken))
            groups = reader.RowGroupCount;
        for (var g = 0; g < groups; g++)
        {
            stream.Position = 0;
            var rows = await ParquetSerializer.DeserializeAsync<RlaifvPairRow>(stream, rowGroupIndex: g, cancellationToken: cancellationToken);
            foreach (var r in rows.Data) yield return ToPrompt(r);
        }
    }

    private static ParsedPrompt ToPrompt(RlaifvPairRow r) => new()
    {
        Raw = $"{{\"idx\":\"{r.Idx}\",\"question\":\"{r.Question}\",\"image_path\":\"{r.ImagePath ?? r.Image?.Path}\"}}",
        Draft = new PromptDraft
        {
            Id = r.Idx,
            Instruction = r.Question,
            ImageBytes = r.Image?.Bytes,
            ImagePath = r.Image?.Bytes is null ? (r.Image?.Path ?? r.ImagePath) : r.ImagePath ?? r.Image?.Path,
            Source = r.OriginDataset ?? r.DsName,
            Metadata = r.OriginSplit,
        },
    };
}
