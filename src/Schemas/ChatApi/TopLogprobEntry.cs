namespace RlaifV.Schemas.ChatApi;

/// <summary>One of a position's most likely tokens.</summary>
public sealed record TopLogprobEntry
{
    /// <summary>The token's text.</summary>
    public string? Token { get; init; }

    /// <summary>log p (nats).</summary>
    public double Logprob { get; init; }

    /// <summary>The token's UTF-8 bytes.</summary>
    public IReadOnlyList<int>? Bytes { get; init; }
}
