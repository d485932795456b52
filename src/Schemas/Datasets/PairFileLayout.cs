using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Parquet;
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

    /// <summary>The file metadata for a profile.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(PairProfile profile)
    {
        var features = new JsonObject();
        if (profile == PairProfile.Rlaifv)
        {
            features["ds_name"] = Value("string");
            features["image"] = new JsonObject { ["_type"] = "Image" };
            features["question"] = Value("string");
            features["origin_dataset"] = Value("string");
            features["origin_split"] = Value("string");
            features["idx"] = Value("string");
            features["image_path"] = Value("string");
            features["logps"] = Value("string");
        }
        else
        {
            features["prompt"] = Value("string");
            features["images"] = new JsonArray(new JsonObject { ["_type"] = "Image" });
        }
        features["chosen"] = Value("string");
        features["rejected"] = Value("string");
        features["pair_id"] = Value("string");
        features["prompt_id"] = Value("string");
        features["round"] = Value("int32");
        features["chosen_index"] = Value("int32");
        features["rejected_index"] = Value("int32");
        features["policy_id"] = Value("string");
        features["labeler_id"] = Value("string");
        features["chosen_score"] = Value("int32");
        features["rejected_score"] = Value("int32");
        features["chosen_words"] = Value("int32");
        features["rejected_words"] = Value("int32");
        features["chosen_verdicts"] = Verdicts();
        features["rejected_verdicts"] = Verdicts();
        features["image_sha256"] = Value("string");
        var doc = new JsonObject { ["info"] = new JsonObject { ["features"] = features } };
        return new Dictionary<string, string>
        {
            ["huggingface"] = doc.ToJsonString(),
            ["rlaifv.profile"] = EnumNames.Of(profile),
        };
    }

    private static JsonObject Value(string dtype) => new() { ["dtype"] = dtype, ["_type"] = "Value" };

    private static JsonArray Verdicts() => new(new JsonObject
    {
        ["claim"] = Value("string"),
        ["question"] = Value("string"),
        ["p_yes"] = Value("float64"),
        ["p_no"] = Value("float64"),
        ["accepted"] = Value("bool"),
    });
}
