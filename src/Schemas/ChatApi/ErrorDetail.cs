using System.Text.Json;

namespace RlaifV.Schemas.ChatApi;

/// <summary>An OpenAI error object.</summary>
public sealed record ErrorDetail
{
    /// <summary>What went wrong.</summary>
    public string? Message { get; init; }

    /// <summary>invalid_request_error, not_found_error, server_error, …</summary>
    public string? Type { get; init; }

    /// <summary>The request field at fault, when one is.</summary>
    public string? Param { get; init; }

    /// <summary>A machine-readable code, when there is one: a string (OpenAI) or the HTTP status as a number (vLLM).</summary>
    public JsonElement? Code { get; init; }
}
