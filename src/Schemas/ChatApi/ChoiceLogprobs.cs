namespace RlaifV.Schemas.ChatApi;

/// <summary>A choice's log-probs: one entry per generated token.</summary>
public sealed record ChoiceLogprobs
{
    /// <summary>The tokens, in order.</summary>
    public IReadOnlyList<TokenLogprob>? Content { get; init; }
}
