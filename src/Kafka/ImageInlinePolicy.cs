using RlaifV.Schemas;

namespace RlaifV.Kafka;

/// <summary>
/// Decides whether an image travels inline or by reference: encoded images up to
/// <see cref="MaxInlineBytes"/> keep their bytes; larger ones travel as URI + sha256 only.
/// </summary>
/// <param name="MaxInlineBytes">The largest image that travels inline.</param>
public sealed record ImageInlinePolicy(int MaxInlineBytes)
{
    /// <summary>True when <paramref name="image"/> can travel (inline within the limit, or it has a URI).</summary>
    public bool CanSend(ImageRef image) =>
        image.Bytes is null || image.Bytes.Length <= MaxInlineBytes || image.Uri is not null;

    /// <summary>The form of <paramref name="image"/> to put on the wire.</summary>
    /// <exception cref="ArgumentException">The image is over the limit and has no URI to refer to it by.</exception>
    public ImageRef ForWire(ImageRef image)
    {
        if (image.Bytes is null || image.Bytes.Length <= MaxInlineBytes) return image;
        if (image.Uri is null)
            throw new ArgumentException($"image {image.Sha256} has {image.Bytes.Length} bytes, over the inline limit of {MaxInlineBytes}, and no URI to send instead", nameof(image));
        return image.WithoutBytes();
    }
}
