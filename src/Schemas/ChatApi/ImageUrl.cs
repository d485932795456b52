namespace RlaifV.Schemas.ChatApi;

/// <summary>An image_url part's image.</summary>
public sealed record ImageUrl
{
    /// <summary>An http(s) URL or a data URL.</summary>
    public string? Url { get; init; }

    /// <summary>low, high or auto (ignored by RlaifV's server).</summary>
    public string? Detail { get; init; }
}
