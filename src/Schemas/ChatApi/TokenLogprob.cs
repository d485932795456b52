namespace RlaifV.Schemas.ChatApi;

/// <summary>A generated token with its log-prob and the position's most likely tokens.</summary>
public sealed record TokenLogprob
{
    /// <summary>The token's text.</summary>
    public string? Token { get; init; }

    /// <summary>log p (nats).</summary>
    public double Logprob { get; init; }

    /// <summary>The token's UTF-8 bytes.</summary>
    public IReadOnlyList<int>? Bytes { get; init; }

    /// <summary>The most likely tokens at this position, most likely first.</summary>
    public IReadOnlyList<TopLogprobEntry>? TopLogprobs { get; init; }
}
