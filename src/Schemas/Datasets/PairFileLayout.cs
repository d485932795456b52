using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>
/// The Parquet pair files: the two profiles (<see cref="RlaifvPairRow"/>, <see cref="TrlPairRow"/>), the Hugging Face
/// <c>datasets</c> schema metadata that makes their image columns decode as images (key <c>huggingface</c>,
/// <c>{"info":{"features":…}}</c>), the writer options, and where the files of a round go
/// (<c>{output}/pairs/{profile}/round-NNNN/pairs-rNNNN-{source}-{first position}.parquet</c>).
/// </summary>
public static class PairFileLayout
{
    /// <summary>Parquet writer options (compression method and level always set).</summary>
    /// <param name="compression">The codec.</param>
    /// <param name="compressionLevel">The codec's level.</param>
    /// <remarks>
    /// The stream pools are capped: unset, Parquet.Net's RecyclableMemoryStreamManager keeps every buffer it
    /// ever used, so a long-running generator's memory would grow with the number of files written.
    /// </remarks>
    public static ParquetOptions WriterOptions(ParquetCompression compression, ParquetCompressionLevel compressionLevel) => new()
    {
        MaximumSmallPoolFreeBytes = 4 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 16 * 1024 * 1024,
        CompressionMethod = compression switch
        {
            ParquetCompression.Snappy => CompressionMethod.Snappy,
            ParquetCompression.Gzip => CompressionMethod.Gzip,
            ParquetCompression.None => CompressionMethod.None,
            _ => CompressionMethod.Zstd,
        },
        CompressionLevel = compressionLevel switch
        {
            ParquetCompressionLevel.Optimal => CompressionLevel.Optimal,
            ParquetCompressionLevel.Smallest => CompressionLevel.SmallestSize,
            _ => CompressionLevel.Fastest,
        },
    };

    /// <summary>The folder of a profile's files under an output folder: <c>{output}/pairs/{profile}</c>.</summary>
    public static string ProfileDirectory(string outputDirectory, PairProfile profile) => Path.Combine(outputDirectory, "pairs", EnumNames.Of(profile));

    /// <summary>The folder of round <paramref name="round"/>'s files in a profile's folder: <c>round-NNNN</c>.</summary>
    public static string RoundDirectory(string profileDirectory, int round) =>
        Path.Combine(profileDirectory, string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}"));

    /// <summary>A file's name: round, source and the position of its first pair, so a rerun replaces rather than duplicates.</summary>
    public static string FileName(int round, string sourceName, long firstPosition) =>
        string.Create(CultureInfo.InvariantCulture, $"pairs-r{round:D4}-{sourceName}-{firstPosition:D12}.parquet");

    /// <summary>
    /// Writes <paramref name="pairs"/> (each with its prompt's kind, for the released layout's origin_split) as rows of
    /// <paramref name="profile"/> to <paramref name="stream"/>, with the profile's metadata; <see cref="ParquetOptions.Append"/>
    /// adds a row group to an existing file.
    /// </summary>
    public static Task AppendAsync(Stream stream, PairProfile profile, IEnumerable<(PreferencePair Pair, PromptKind? Kind)> pairs, ParquetOptions options, CancellationToken cancellationToken) =>
        profile == PairProfile.Rlaifv
            ? ParquetSerializer.SerializeAsync(pairs.Select(r => RlaifvPairRow.From(r.Pair, r.Kind)), stream, options, Metadata(profile), cancellationToken)
            : ParquetSerializer.SerializeAsync(pairs.Select(r => TrlPairRow.From(r.Pair)), stream, options, Metadata(profile), cancellationToken);

    /// <summary>
    /// The file metadata for a profile: the Hugging Face <c>datasets</c> features (key <c>huggingface</c>) derived from the
    /// very Parquet schema the profile's row type is written with, column by column in the file's order, so every feature
    /// matches its Arrow field exactly (<c>datasets</c> ignores a feature whose Arrow type differs from the file's): text
    /// → <c>string</c>, 32-bit integers → <c>int32</c>, doubles → <c>float64</c>, booleans → <c>bool</c>, a struct of
    /// (bytes, path) → <c>Image</c>, a list → a one-element JSON list of its item's feature (a <c>List</c>), any other
    /// struct → a JSON object of its fields in order.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Metadata(PairProfile profile)
    {
        var features = new JsonObject();
        foreach (var field in SchemaOf(profile).Fields) features[field.Name] = Feature(field);
        var doc = new JsonObject { ["info"] = new JsonObject { ["features"] = features } };
        return new Dictionary<string, string>
        {
            ["huggingface"] = doc.ToJsonString(),
            ["rlaifv.profile"] = EnumNames.Of(profile),
        };
    }

    /// <summary>The Parquet schema a profile's rows are written with.</summary>
    public static ParquetSchema SchemaOf(PairProfile profile) =>
        (profile == PairProfile.Rlaifv ? typeof(RlaifvPairRow) : typeof(TrlPairRow)).GetParquetSchema(forWriting: true);

    private static JsonNode Feature(Field field) => field switch
    {
        StructField s when IsImage(s) => new JsonObject { ["_type"] = "Image" },
        StructField s => new JsonObject(s.Fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Feature(f)))),
        ListField l => new JsonArray(Feature(l.Item)),
        DataField d => Value(DtypeOf(d)),
        _ => throw new NotSupportedException($"column '{field.Name}': no Hugging Face feature for {field.GetType().Name}"),
    };

    /// <summary>The Hugging Face Image struct: exactly (bytes: binary, path: string), in that order.</summary>
    private static bool IsImage(StructField s) =>
        s.Fields.Count == 2 && s.Fields[0] is DataField { Name: "bytes" } bytes && DtypeOf(bytes) == "binary"
        && s.Fields[1] is DataField { Name: "path" } path && DtypeOf(path) == "string";

    private static string DtypeOf(DataField d)
    {
        var t = Nullable.GetUnderlyingType(d.ClrType) ?? d.ClrType;
        return t == typeof(string) || t == typeof(ReadOnlyMemory<char>) ? "string"
            : t == typeof(int) ? "int32"
            : t == typeof(long) ? "int64"
            : t == typeof(double) ? "float64"
            : t == typeof(float) ? "float32"
            : t == typeof(bool) ? "bool"
            : t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>) ? "binary"
            : throw new NotSupportedException($"column '{d.Name}': no Hugging Face dtype for {t.Name}");
    }

    private static JsonObject Value(string dtype) => new() { ["dtype"] = dtype, ["_type"] = "Value" };
}
