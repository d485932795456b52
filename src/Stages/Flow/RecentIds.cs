using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RlaifV.Stages.Flow;

/// <summary>
/// The last <c>capacity</c> distinct ids seen, as 64 bits of their SHA-256 (a collision needs about four billion ids for
/// an even chance), in memory that never grows past the capacity: once full, adding an id forgets the oldest one. An id
/// seen again after being forgotten is new again. Thread-safe.
/// </summary>
public sealed class RecentIds
{
    private readonly Lock gate = new();
    private readonly HashSet<long> set;
    private readonly long[] ring;
    private int next;
    private int count;

    /// <summary>Creates an empty set remembering at most <paramref name="capacity"/> ids.</summary>
    public RecentIds(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ring = new long[capacity];
        set = new HashSet<long>(Math.Min(capacity, 1024));
    }

    /// <summary>Ids remembered now.</summary>
    public int Count
    {
        get
        {
            lock (gate) return count;
        }
    }

    /// <summary>Adds <paramref name="id"/>; false when it is among the remembered ids (a repeat).</summary>
    public bool Add(string id) => Add(HashOf(id));

    /// <summary>Adds an id given as its hash (<see cref="HashOf"/>); false when it is remembered.</summary>
    public bool Add(long hash)
    {
        lock (gate)
        {
            if (!set.Add(hash)) return false;
            if (count == ring.Length) set.Remove(ring[next]);
            else count++;
            ring[next] = hash;
            next = (next + 1) % ring.Length;
            return true;
        }
    }

    /// <summary>Whether <paramref name="id"/> is remembered.</summary>
    public bool Contains(string id) => Contains(HashOf(id));

    /// <summary>Whether the id with hash <paramref name="hash"/> (<see cref="HashOf"/>) is remembered.</summary>
    public bool Contains(long hash)
    {
        lock (gate) return set.Contains(hash);
    }

    /// <summary>64 bits of SHA-256 of the id's UTF-8 bytes.</summary>
    public static long HashOf(string id) =>
        BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
