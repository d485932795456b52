namespace RlaifV.Stages.Ports;

/// <summary>An encoded image (PNG, JPEG, ...) handed to a model, with its SHA-256 for caching.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Bytes"/>.</param>
/// <param name="Bytes">The encoded image.</param>
public sealed record ImageInput(string Sha256, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>Where the prompt's image came from (a path or URL), when known; a remote backend passes an http(s) URL through.</summary>
    public string? Uri { get; init; }
}
