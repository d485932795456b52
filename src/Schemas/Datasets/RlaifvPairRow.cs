using System.Text.Json.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>
/// The released RLAIF-V dataset's columns (ds_name, image{bytes,path}, question, chosen, rejected, origin_dataset,
/// origin_split, idx, image_path, logps), declared once, plus this project's provenance columns. The pair sink writes it,
/// the trainer reads it back (<see cref="RlaifvDataset.ReadAsync"/>), and prompts are read from the released dataset's
/// files through it (<see cref="RlaifvDataset.ReadPromptsAsync"/>): columns a file lacks stay unset.
/// </summary>
public sealed class RlaifvPairRow : PairRow
{
    /// <summary>Dataset name.</summary>
    [JsonPropertyName("ds_name")]
    public string? DsName { get; set; }

    /// <summary>The image.</summary>
    [JsonPropertyName("image")]
    public DatasetImage? Image { get; set; }

    /// <summary>The instruction.</summary>
    [JsonPropertyName("question")]
    public string? Question { get; set; }

    /// <summary>The chosen response.</summary>
    [JsonPropertyName("chosen")]
    public string? Chosen { get; set; }

    /// <summary>The rejected response.</summary>
    [JsonPropertyName("rejected")]
    public string? Rejected { get; set; }

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

    /// <summary>
    /// Provenance of <see cref="Logps"/>: the sha256 of the weights of the model that computed them (null with no logps,
    /// and in the released dataset, whose values come from another model: the trainer then recomputes them).
    /// </summary>
    [JsonPropertyName("logps_reference_sha256")]
    public string? LogpsReferenceSha256 { get; set; }

    /// <summary>Builds the row.</summary>
    public static RlaifvPairRow From(PreferencePair p, PromptKind? kind)
    {
        var row = new RlaifvPairRow
        {
            DsName = p.Source ?? "rlaifv",
            Image = new DatasetImage { Bytes = p.Image.Bytes, Path = p.Image.Uri },
            Question = p.Instruction,
            OriginDataset = p.Source,
            OriginSplit = OriginSplitOf(p, kind),
            Idx = p.PromptId,
            ImagePath = p.Image.Uri,
            Chosen = p.Chosen,
            Rejected = p.Rejected,
        };
        row.Fill(p);
        return row;
    }
}
