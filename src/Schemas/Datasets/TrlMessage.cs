using System.Text.Json.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>One turn of a conversational TRL column: its role and its content parts.</summary>
public sealed class TrlMessage
{
    /// <summary>The parts: text, or an image placeholder that refers to the row's <c>images</c> in order.</summary>
    [JsonPropertyName("content")]
    public List<TrlContent>? Content { get; set; }

    /// <summary><c>user</c> or <c>assistant</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>An assistant turn of one text part.</summary>
    public static TrlMessage Assistant(string text) => new() { Role = "assistant", Content = [TrlContent.Of(text)] };
}
