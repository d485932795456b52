using System.Globalization;
using System.Text.Json.Serialization;
using Parquet.Serialization;

namespace RlaifV.Training;

/// <summary>
/// The cache of a round's reference log-probs: a sidecar Parquet file keyed by pair id,
/// <c>{round dir}/reference-logps/ref-{first 16 hex of the reference weights' sha256}.parquet</c>, with columns
/// pair_id, reference_sha256 and logps (the released data's JSON). A sidecar, not a rewritten copy of the pair files:
/// the pair files stay the generator's immutable output (a rerun of generation replaces them by name, and they carry
/// the images, which a copy would double), the sidecar is small and written atomically, and keying it by the
/// reference's weights means a different starting model never reuses another model's values.
/// </summary>
public sealed class ReferenceLogProbStore
{
    /// <summary>Creates the store of one round folder and one reference model.</summary>
    public ReferenceLogProbStore(string roundDirectory, string referenceSha256)
    {
        ReferenceSha256 = referenceSha256;
        FilePath = Path.Combine(roundDirectory, "reference-logps", string.Create(CultureInfo.InvariantCulture, $"ref-{referenceSha256[..Math.Min(16, referenceSha256.Length)]}.parquet"));
    }

    /// <summary>The reference weights' SHA-256.</summary>
    public string ReferenceSha256 { get; }

    /// <summary>The sidecar file.</summary>
    public string FilePath { get; }

    /// <summary>The cached log-probs by pair id (empty when there is no sidecar yet).</summary>
    public async Task<Dictionary<string, ReferenceLogProbs>> LoadAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ReferenceLogProbs>(StringComparer.Ordinal);
        if (!File.Exists(FilePath))
        {
            return result;
        }

        await using var stream = File.OpenRead(FilePath);
        var rows = (await ParquetSerializer.DeserializeAsync<Row>(stream, cancellationToken: cancellationToken)).Data;
        foreach (var row in rows)
        {
            if (row.PairId is not null && row.ReferenceSha256 == ReferenceSha256 && ReferenceLogProbs.TryParse(row.Logps) is { } logps)
            {
                result[row.PairId] = logps;
            }
        }

        return result;
    }

    /// <summary>Writes <paramref name="logProbs"/> (every pair's, old and new) to the sidecar, replacing it atomically.</summary>
    public async Task SaveAsync(IReadOnlyDictionary<string, ReferenceLogProbs> logProbs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var rows = logProbs.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new Row { PairId = kv.Key, ReferenceSha256 = ReferenceSha256, Logps = kv.Value.ToJson() }).ToList();
        string temp = FilePath + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await ParquetSerializer.SerializeAsync(rows, stream, cancellationToken: cancellationToken);
        }

        File.Move(temp, FilePath, overwrite: true);
    }

    /// <summary>A sidecar row.</summary>
    internal sealed class Row
    {
        [JsonPropertyName("pair_id")]
        public string? PairId { get; set; }

        [JsonPropertyName("reference_sha256")]
        public string? ReferenceSha256 { get; set; }

        [JsonPropertyName("logps")]
        public string? Logps { get; set; }
    }
}
