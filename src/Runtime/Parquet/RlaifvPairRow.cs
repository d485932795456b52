using System.Text.Json.Serialization;
using RlaifV.Schemas;

namespace RlaifV.Runtime.Parquet;

/// <summary>A pair in the released RLAIF-V dataset's layout, plus provenance.</summary>
public sealed class RlaifvPairRow : ParquetPairRow
{
    /// <summary>Dataset name.</summary>
    [JsonPropertyName("ds_name")]
    public string? DsName { get; set; }

    /// <summary>The image.</summary>
    [JsonPropertyName("image")]
    public ParquetImage? Image { get; set; }

    /// <summary>The instruction.</summary>
    [JsonPropertyName("question")]
    public string? Question { get; set; }

    /// <summary>The prompt's source dataset.</summary>
    [JsonPropertyName("origin_dataset")]
    public string? OriginDataset { get; set; }

    /// <summary>JSON: generator model, labeler model, question type, round.</summary>
    [JsonPropertyName("origin_split")]
    public string? OriginSplit { get; set; }

    /// <summary>The prompt id.</summary>
    [JsonPropertyName("idx")]
    public string? Idx { get; set; }

    /// <summary>The image path.</summary>
    [JsonPropertyName("image_path")]
    public string? ImagePath { get; set; }

    /// <summary>Reference log-probs as JSON (filled by the trainer; null here).</summary>
    [JsonPropertyName("logps")]
    public string? Logps { get; set; }

    /// <summary>Builds the row.</summary>
    public static RlaifvPairRow From(PreferencePair p, PromptKind? kind)
    {
        var row = new RlaifvPairRow
        {
            DsName = p.Source ?? "rlaifv",
            Image = new ParquetImage { Bytes = p.Image.Bytes, Path = p.Image.Uri },
            Question = p.Instruction,
            OriginDataset = p.Source,
            OriginSplit = OriginSplitOf(p, kind),
            Idx = p.PromptId,
            ImagePath = p.Image.Uri,
        };
        row.Fill(p);
        return row;
    }
}
