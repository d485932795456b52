using System.Text.Json.Serialization;

namespace RlaifV.Runtime.Parquet;

/// <summary>The Hugging Face <c>datasets</c> Image struct: encoded bytes and/or a path.</summary>
public sealed class ParquetImage
{
    /// <summary>Encoded image bytes.</summary>
    [JsonPropertyName("bytes")]
    public byte[]? Bytes { get; set; }

    /// <summary>Path or URI of the image.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }
}
