using System.Text.Json.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>One part of a conversational turn: <c>{type: "text", text}</c> or <c>{type: "image", text: null}</c>.</summary>
public sealed class TrlContent
{
    /// <summary>The text of a text part; null for an image part.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary><c>text</c> or <c>image</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>A text part.</summary>
    public static TrlContent Of(string text) => new() { Type = "text", Text = text };

    /// <summary>An image part (the next of the row's <c>images</c>).</summary>
    public static TrlContent Image() => new() { Type = "image" };
}
