namespace RlaifV.Schemas.ChatApi;

/// <summary>The assistant's message in a choice.</summary>
public sealed record ChatResponseMessage
{
    /// <summary>"assistant".</summary>
    public string? Role { get; init; }

    /// <summary>The generated text.</summary>
    public string? Content { get; init; }
}
