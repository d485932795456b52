using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>
/// The provenance columns both Parquet profiles carry after their own: the "rlaifv" profile's columns are the released
/// RLAIF-V dataset's (<see cref="RlaifvPairRow"/>), the "trl" profile's TRL's conversational vision-DPO layout
/// (<see cref="TrlPairRow"/>). Every column is nullable, as every Hugging Face <c>datasets</c> feature is, so the files'
/// feature metadata matches their Arrow schema field for field (<see cref="PairFileLayout.Metadata"/>).
/// </summary>
public class PairRow
{
    /// <summary>Provenance: the deterministic pair id.</summary>
    [JsonPropertyName("pair_id")]
    public string? PairId { get; set; }

    /// <summary>Provenance: the prompt id.</summary>
    [JsonPropertyName("prompt_id")]
    public string? PromptId { get; set; }

    /// <summary>Provenance: the round.</summary>
    [JsonPropertyName("round")]
    public int? Round { get; set; }

    /// <summary>Provenance: chosen candidate index.</summary>
    [JsonPropertyName("chosen_index")]
    public int? ChosenIndex { get; set; }

    /// <summary>Provenance: rejected candidate index.</summary>
    [JsonPropertyName("rejected_index")]
    public int? RejectedIndex { get; set; }

    /// <summary>Provenance: policy model id.</summary>
    [JsonPropertyName("policy_id")]
    public string? PolicyId { get; set; }

    /// <summary>Provenance: labeler model id.</summary>
    [JsonPropertyName("labeler_id")]
    public string? LabelerId { get; set; }

    /// <summary>Provenance: chosen score (−rejected claims).</summary>
    [JsonPropertyName("chosen_score")]
    public int? ChosenScore { get; set; }

    /// <summary>Provenance: rejected score.</summary>
    [JsonPropertyName("rejected_score")]
    public int? RejectedScore { get; set; }

    /// <summary>Provenance: chosen word count.</summary>
    [JsonPropertyName("chosen_words")]
    public int? ChosenWords { get; set; }

    /// <summary>Provenance: rejected word count.</summary>
    [JsonPropertyName("rejected_words")]
    public int? RejectedWords { get; set; }

    /// <summary>Provenance: claims and verdicts of the chosen response.</summary>
    [JsonPropertyName("chosen_verdicts")]
    public List<VerdictRow>? ChosenVerdicts { get; set; }

    /// <summary>Provenance: claims and verdicts of the rejected response.</summary>
    [JsonPropertyName("rejected_verdicts")]
    public List<VerdictRow>? RejectedVerdicts { get; set; }

    /// <summary>Provenance: SHA-256 of the image.</summary>
    [JsonPropertyName("image_sha256")]
    public string? ImageSha256 { get; set; }

    /// <summary>Fills the shared columns from a pair.</summary>
    protected void Fill(PreferencePair p)
    {
        PairId = p.Id;
        PromptId = p.PromptId;
        Round = p.Round;
        ChosenIndex = p.ChosenIndex;
        RejectedIndex = p.RejectedIndex;
        PolicyId = p.PolicyId;
        LabelerId = p.LabelerId;
        ChosenScore = p.ChosenScore;
        RejectedScore = p.RejectedScore;
        ChosenWords = p.ChosenWords;
        RejectedWords = p.RejectedWords;
        ChosenVerdicts = p.ChosenVerdicts.Select(VerdictRow.From).ToList();
        RejectedVerdicts = p.RejectedVerdicts.Select(VerdictRow.From).ToList();
        ImageSha256 = p.Image.Sha256;
    }

    /// <summary>The origin_split JSON of the released data: generator, labeler and question type.</summary>
    protected static string OriginSplitOf(PreferencePair p, PromptKind? kind) =>
        JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["model"] = p.PolicyId,
            ["feedback_model"] = p.LabelerId,
            ["type"] = kind switch { PromptKind.Description => "detailed_description", PromptKind.ShortAnswer => "short_qa", _ => null },
            ["round"] = p.Round.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
