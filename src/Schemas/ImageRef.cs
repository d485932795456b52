namespace RlaifV.Schemas;

/// <summary>
/// An image, by reference (<see cref="Uri"/>), inline (<see cref="Bytes"/>), or both, always with the
/// SHA-256 of its encoded bytes (lower-case hex) so a reader can verify what it fetched.
/// </summary>
public sealed record ImageRef
{
    /// <summary>Where the image lives (a file path or URI), or null when only inline.</summary>
    public string? Uri { get; init; }

    /// <summary>The encoded image (PNG, JPEG, ...), or null when only referenced.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>SHA-256 of the encoded bytes, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Computes the lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>An inline image with its hash computed.</summary>
    public static ImageRef Inline(byte[] bytes, string? uri = null) => new() { Bytes = bytes, Uri = uri, Sha256 = HashOf(bytes) };

    /// <summary>The same image without its bytes (a reference only).</summary>
    public ImageRef WithoutBytes() => this with { Bytes = null };
}
