using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using global::Parquet;
using global::Parquet.Serialization;
using RlaifV.Runtime.Parquet;
using RlaifV.Runtime.Pipeline;
using RlaifV.Stages.Flow;

namespace RlaifV.Runtime.Io;

/// <summary>
/// Prompts from a Parquet file in the released RLAIF-V dataset's layout (image{bytes,path}, question,
/// idx, ds_name, origin_dataset, image_path, …), read one row group at a time so memory stays bounded.
/// </summary>
/// <param name="path">The file.</param>
public sealed class ParquetPromptSource(string path) : IPromptSource
{
    /// <inheritdoc />
    public string Name => Path.GetFileNameWithoutExtension(path);

    /// <inheritdoc />
    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        int groups;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken))
            groups = reader.RowGroupCount;
        var fileName = Path.GetFileName(path);
        long row = 0;
        for (var g = 0; g < groups; g++)
        {
            stream.Position = 0;
            var rows = await ParquetSerializer.DeserializeAsync<Row>(stream, rowGroupIndex: g, cancellationToken: cancellationToken);
            foreach (var r in rows.Data)
            {
                row++;
                var ticket = new PromptTicket($"{fileName}#row{row}", row);
                yield return new IngestItem
                {
                    Ticket = ticket,
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
        }
    }

    /// <summary>The columns read (others are ignored).</summary>
    internal sealed class Row
    {
        [JsonPropertyName("ds_name")]
        public string? DsName { get; set; }

        [JsonPropertyName("image")]
        public ParquetImage? Image { get; set; }

        [JsonPropertyName("question")]
        public string? Question { get; set; }

        [JsonPropertyName("origin_dataset")]
        public string? OriginDataset { get; set; }

        [JsonPropertyName("origin_split")]
        public string? OriginSplit { get; set; }

        [JsonPropertyName("idx")]
        public string? Idx { get; set; }

        [JsonPropertyName("image_path")]
        public string? ImagePath { get; set; }
    }
}
