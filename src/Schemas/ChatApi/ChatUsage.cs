namespace RlaifV.Schemas.ChatApi;

/// <summary>Token counts of a completion.</summary>
public sealed record ChatUsage
{
    /// <summary>Prompt tokens (counted once for all n choices).</summary>
    public int PromptTokens { get; init; }

    /// <summary>Generated tokens over all choices.</summary>
    public int CompletionTokens { get; init; }

    /// <summary>The sum.</summary>
    public int TotalTokens { get; init; }
}
