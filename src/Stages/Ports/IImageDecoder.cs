namespace RlaifV.Stages.Ports;

/// <summary>
/// Decodes an encoded image completely, to prove that a model can use it: a truncated or corrupt image (a valid header
/// over garbage, half a PNG) is refused with what is wrong. The in-process implementation is Models' SkiaSharp decoder;
/// ingest, topic load and replay check every image with it (<see cref="PromptValidator"/>).
/// </summary>
public interface IImageDecoder
{
    /// <summary>Null when the whole image decodes without error; otherwise what is wrong (one line).</summary>
    /// <param name="encoded">The encoded image (PNG, JPEG, GIF, BMP, WebP).</param>
    string? Problem(ReadOnlySpan<byte> encoded);
}
