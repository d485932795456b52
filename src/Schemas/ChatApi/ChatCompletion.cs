namespace RlaifV.Schemas.ChatApi;

/// <summary>The answer of <c>POST /v1/chat/completions</c>.</summary>
public sealed record ChatCompletion
{
    /// <summary>Completion id.</summary>
    public string? Id { get; init; }

    /// <summary>"chat.completion".</summary>
    public string? Object { get; init; }

    /// <summary>Unix seconds.</summary>
    public long Created { get; init; }

    /// <summary>The model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>The choices, by index.</summary>
    public IReadOnlyList<ChatChoice>? Choices { get; init; }

    /// <summary>Token counts.</summary>
    public ChatUsage? Usage { get; init; }
}
