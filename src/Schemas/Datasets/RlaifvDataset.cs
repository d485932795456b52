using System.Runtime.CompilerServices;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
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
    /// read one row group at a time so memory stays bounded; one record per row, in order. Reading is strict: a column of
    /// the wrong type (for example an integer <c>question</c>) makes every row a <c>wrong_type</c> record naming the column
    /// (ids included: <c>idx</c> must be a string column); a row group larger than 8 × <paramref name="maxRecordBytes"/>
    /// is not read, its rows are <c>record_too_large</c>; a text cell holding U+FFFD (Parquet.Net decodes invalid UTF-8
    /// to it, so the original bytes were not valid text) is <c>invalid_encoding</c>.
    /// </summary>
    /// <param name="file">The Parquet file.</param>
    /// <param name="maxRecordBytes">The record limit (<c>ingest.max_record_bytes</c>).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public static async IAsyncEnumerable<ParsedPrompt> ReadPromptsAsync(string file, long maxRecordBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var groups = new List<(long Rows, long Bytes)>();
        string? typeProblem;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken))
        {
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                groups.Add((group.RowCount, group.RowGroup.TotalByteSize));
            }
            typeProblem = TypeProblem(reader.Schema);
        }
        var groupLimit = 8 * maxRecordBytes;
        for (var g = 0; g < groups.Count; g++)
        {
            var (rowCount, bytes) = groups[g];
            if (typeProblem is not null || bytes > groupLimit)
            {
                var (reason, detail) = typeProblem is not null
                    ? (DeadLetterReasons.WrongType, typeProblem)
                    : (DeadLetterReasons.RecordTooLarge, FormattableString.Invariant($"row group {g} is {bytes} bytes, over 8 × ingest.max_record_bytes = {groupLimit}; it was not read"));
                for (long r = 0; r < rowCount; r++)
                    yield return new ParsedPrompt { FailureReason = reason, FailureDetail = detail, Raw = FormattableString.Invariant($"{{\"row_group\":{g},\"row\":{r}}}") };
                continue;
            }
            stream.Position = 0;
            var rows = await ParquetSerializer.DeserializeAsync<RlaifvPairRow>(stream, rowGroupIndex: g, cancellationToken: cancellationToken);
            foreach (var r in rows.Data) yield return ToPrompt(r);
        }
    }

    /// <summary>The first text column of the prompt layout that is not text, named with its type; null when all are.</summary>
    private static string? TypeProblem(ParquetSchema schema)
    {
        foreach (var field in schema.GetDataFields())
        {
            var path = string.Join('.', field.Path.ToList());
            var (ok, wanted) = path switch
            {
                "image.bytes" => (field.ClrType == typeof(byte[]) || field.ClrType == typeof(ReadOnlyMemory<byte>), "bytes"),
                "idx" or "question" or "ds_name" or "origin_dataset" or "origin_split" or "image_path" or "image.path" =>
                    (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>), "text"),
                _ => (true, null),
            };
            if (!ok) return $"column '{path}' holds {Nullable.GetUnderlyingType(field.ClrType)?.Name ?? field.ClrType.Name} values; the prompt layout needs {wanted}";
        }
        return null;
    }

    private static ParsedPrompt ToPrompt(RlaifvPairRow r)
    {
        var raw = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["idx"] = r.Idx,
            ["question"] = r.Question is { Length: > 4096 } q ? q[..4096] + "…" : r.Question,
            ["image_path"] = r.ImagePath ?? r.Image?.Path,
        });
        foreach (var (name, value) in new[] { ("idx", r.Idx), ("question", r.Question), ("image_path", r.ImagePath), ("image.path", r.Image?.Path), ("ds_name", r.DsName), ("origin_dataset", r.OriginDataset) })
        {
            if (value is not null && value.Contains('\uFFFD', StringComparison.Ordinal))
            {
                return new ParsedPrompt
                {
                    FailureReason = DeadLetterReasons.InvalidEncoding,
                    FailureDetail = $"column '{name}' is not valid UTF-8 text (it decodes with replacement characters)",
                    Raw = raw,
                    Key = name == "idx" ? null : r.Idx,
                };
            }
        }
        return new ParsedPrompt
        {
            Raw = raw,
            Key = r.Idx,
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
