using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Deterministic seeds. A candidate's seed depends only on (global seed, round, prompt id, candidate
/// index), so a rerun or replay reproduces the same candidates on the same hardware regardless of batch
/// composition, partitioning or process restarts.
/// </summary>
public static class Seeds
{
    /// <summary>The seed of candidate <paramref name="index"/> of <paramref name="promptId"/> in <paramref name="round"/>.</summary>
    /// <returns>A non-negative 63-bit seed (first 8 bytes of SHA-256 over the coordinates).</returns>
    public static long ForCandidate(long globalSeed, int round, string promptId, int index) =>
        Derive(globalSeed, round, promptId, "candidate", index);

    /// <summary>A seed for another purpose (for example pair sampling) with the same coordinates.</summary>
    public static long Derive(long globalSeed, int round, string promptId, string purpose, int index = 0)
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{globalSeed}|{round}|{promptId}|{purpose}|{index}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return (long)(BinaryPrimitives.ReadUInt64LittleEndian(hash) & 0x7FFF_FFFF_FFFF_FFFFUL);
    }
}
