using System.Text.Json.Serialization;

namespace RlaifV.Training;

/// <summary>The columns of the "rlaifv" Parquet profile the trainer reads (others in the file are ignored).</summary>
internal sealed class RoundParquetRow
{
    [JsonPropertyName("pair_id")]
    public string? PairId { get; set; }

    [JsonPropertyName("round")]
    public int Round { get; set; }

    [JsonPropertyName("question")]
    public string? Question { get; set; }

    [JsonPropertyName("chosen")]
    public string? Chosen { get; set; }

    [JsonPropertyName("rejected")]
    public string? Rejected { get; set; }

    [JsonPropertyName("image")]
    public RoundParquetImage? Image { get; set; }

    [JsonPropertyName("image_sha256")]
    public string? ImageSha256 { get; set; }

    [JsonPropertyName("chosen_words")]
    public int ChosenWords { get; set; }

    [JsonPropertyName("rejected_words")]
    public int RejectedWords { get; set; }

    [JsonPropertyName("logps")]
    public string? Logps { get; set; }
}
