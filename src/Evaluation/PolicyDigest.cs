using System.Security.Cryptography;
using System.Text;

namespace RlaifV.Evaluation;

/// <summary>
/// The identity of a policy checkpoint folder for the response cache: SHA-256 over every file's name and bytes (sorted
/// by name, sub-folders included), so any change of weights, configuration or tokenizer is a new policy.
/// </summary>
public static class PolicyDigest
{
    /// <summary>Lower-case hex SHA-256 of the folder <paramref name="directory"/>.</summary>
    public static string Of(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"policy folder '{directory}' does not exist");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file));
            hash.AppendData([0]);
            using var stream = File.OpenRead(Path.Combine(directory, file));
            var buffer = new byte[1 << 20];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
