using System.Text.Json.Serialization;

namespace RlaifV.Training;

/// <summary>The Hugging Face image struct of the "rlaifv" profile.</summary>
internal sealed class RoundParquetImage
{
    [JsonPropertyName("bytes")]
    public byte[]? Bytes { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }
}
