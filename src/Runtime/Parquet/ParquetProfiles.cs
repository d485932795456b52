using System.IO.Compression;
using System.Text.Json.Nodes;
using global::Parquet;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Parquet;

/// <summary>
/// The two Parquet profiles and the Hugging Face <c>datasets</c> schema metadata that makes their image
/// columns decode as images (key <c>huggingface</c>, <c>{"info":{"features":…}}</c>).
/// </summary>
public static class ParquetProfiles
{
    /// <summary>The released RLAIF-V dataset's layout.</summary>
    public const string Rlaifv = "rlaifv";

    /// <summary>TRL's vision-DPO layout.</summary>
    public const string Trl = "trl";

    /// <summary>Parquet writer options from the output settings (compression method and level always set).</summary>
    /// <remarks>
    /// The stream pools are capped: unset, Parquet.Net's RecyclableMemoryStreamManager keeps every buffer it
    /// ever used, so a long-running generator's memory would grow with the number of files written.
    /// </remarks>
    public static ParquetOptions WriterOptions(OutputOptions output) => new()
    {
        MaximumSmallPoolFreeBytes = 4 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 16 * 1024 * 1024,
        CompressionMethod = output.Compression switch
        {
            "snappy" => CompressionMethod.Snappy,
            "gzip" => CompressionMethod.Gzip,
            "none" => CompressionMethod.None,
            _ => CompressionMethod.Zstd,
        },
        CompressionLevel = output.CompressionLevel switch
        {
            "optimal" => CompressionLevel.Optimal,
            "smallest" => CompressionLevel.SmallestSize,
            _ => CompressionLevel.Fastest,
        },
    };

    /// <summary>The file metadata for a profile.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(string profile)
    {
        var features = new JsonObject();
        if (profile == Rlaifv)
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
            ["rlaifv.profile"] = profile,
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
