namespace RlaifV.Schemas.ChatApi;

/// <summary>One choice of a completion.</summary>
public sealed record ChatChoice
{
    /// <summary>Its index among the request's n.</summary>
    public int Index { get; init; }

    /// <summary>The assistant message.</summary>
    public ChatResponseMessage? Message { get; init; }

    /// <summary>stop (a stop token or sequence) or length (the token budget).</summary>
    public string? FinishReason { get; init; }

    /// <summary>The generated tokens' log-probs, when asked for.</summary>
    public ChoiceLogprobs? Logprobs { get; init; }
}
