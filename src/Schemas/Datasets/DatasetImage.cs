using System.Text.Json.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>The Hugging Face <c>datasets</c> Image struct: encoded bytes and/or a path.</summary>
public sealed class DatasetImage
{
    /// <summary>Encoded image bytes.</summary>
    [JsonPropertyName("bytes")]
    public byte[]? Bytes { get; set; }

    /// <summary>Path or URI of the image.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }
}
