using RlaifV.Schemas;

namespace RlaifV.World;

/// <summary>A rendered scene: PNG bytes and their SHA-256.</summary>
/// <param name="Png">The encoded PNG.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Png"/>.</param>
/// <param name="Size">Width and height in pixels.</param>
public sealed record RenderedImage(byte[] Png, string Sha256, int Size)
{
    /// <summary>The image as the pipeline's inline image reference.</summary>
    public ImageRef ToImageRef(string? uri = null) => new() { Bytes = Png, Sha256 = Sha256, Uri = uri };
}
