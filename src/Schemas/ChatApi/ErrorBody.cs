namespace RlaifV.Schemas.ChatApi;

/// <summary>An OpenAI error response: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record ErrorBody
{
    /// <summary>The error.</summary>
    public ErrorDetail? Error { get; init; }
}
