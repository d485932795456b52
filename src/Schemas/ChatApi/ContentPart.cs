namespace RlaifV.Schemas.ChatApi;

/// <summary>A content part of a user message: text, or an image by URL (an http(s) URL or a <c>data:image/…;base64,</c> URL).</summary>
public sealed record ContentPart
{
    /// <summary>text or image_url.</summary>
    public string? Type { get; init; }

    /// <summary>The text of a text part.</summary>
    public string? Text { get; init; }

    /// <summary>The image of an image_url part.</summary>
    public ImageUrl? ImageUrl { get; init; }
}
