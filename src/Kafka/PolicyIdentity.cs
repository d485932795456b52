using System.Security.Cryptography;
using System.Text;

namespace RlaifV.Kafka;

/// <summary>
/// Names a round's policy checkpoint on the control topic: its URI and a SHA-256 digest. For a file, the
/// digest is the file's SHA-256; for a checkpoint folder, the SHA-256 of the lines
/// <c>relative/path SP sha256 LF</c> of its files in ordinal order; for a model with no path (an in-process
/// model), the URI is <c>model:{id}</c> and the digest the SHA-256 of the id.
/// </summary>
/// <param name="Uri">Where the checkpoint lives.</param>
/// <param name="Sha256">Its digest, lower-case hex.</param>
public sealed record PolicyIdentity(string Uri, string Sha256)
{
    /// <summary>The identity of the checkpoint at <paramref name="path"/>, or of the in-process model <paramref name="modelId"/> when the path is empty.</summary>
    public static PolicyIdentity Of(string path, string modelId)
    {
        if (string.IsNullOrWhiteSpace(path)) return OfModel(modelId);
        return new PolicyIdentity(path, Digest(path));
    }

    /// <summary>The identity of an in-process model that has no checkpoint path.</summary>
    public static PolicyIdentity OfModel(string modelId) =>
        new("model:" + modelId, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelId))));

    /// <summary>The digest of a checkpoint file or folder.</summary>
    /// <exception cref="FileNotFoundException">Neither a file nor a folder.</exception>
    public static string Digest(string path)
    {
        if (File.Exists(path)) return HashFile(path);
        if (!Directory.Exists(path)) throw new FileNotFoundException($"policy checkpoint '{path}' does not exist", path);
        var lines = new StringBuilder();
        foreach (var file in Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            lines.Append(Path.GetRelativePath(path, file).Replace('\\', '/')).Append(' ').Append(HashFile(file)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }

    private static string HashFile(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
