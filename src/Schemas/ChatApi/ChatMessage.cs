using System.Text.Json;

namespace RlaifV.Schemas.ChatApi;

/// <summary>One message of a chat request: its role and its content, a string or a list of content parts (<see cref="ContentPart"/>).</summary>
public sealed record ChatMessage
{
    /// <summary>system, user or assistant.</summary>
    public string? Role { get; init; }

    /// <summary>A string, or an array of parts (<c>{"type":"text","text":…}</c>, <c>{"type":"image_url","image_url":{"url":…}}</c>).</summary>
    public JsonElement? Content { get; init; }
}
