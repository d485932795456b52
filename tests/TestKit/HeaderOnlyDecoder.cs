using RlaifV.Stages.Flow;
using RlaifV.Stages.Ports;

namespace RlaifV.TestKit;

/// <summary>
/// An image decoder double for graph tests that do not reference the models: it accepts every image whose header reads
/// (<see cref="ImageHeader"/>) and decodes nothing. Tests of decoding itself use Models' SkiaImageDecoder.
/// </summary>
public sealed class HeaderOnlyDecoder : IImageDecoder
{
    /// <inheritdoc />
    public string? Problem(ReadOnlySpan<byte> encoded) => ImageHeader.TryRead(encoded, out _, out _, out _) ? null : "no image header";
}
