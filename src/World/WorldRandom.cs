using RlaifV.Models;

namespace RlaifV.World;

/// <summary>
/// The world's own pseudo-random generator: xoshiro256** seeded through SplitMix64. Its algorithm is fixed
/// here (unlike <see cref="Random"/>'s), so the same seed gives the same scenes, images, questions and
/// injected errors on every machine and every .NET version.
/// </summary>
public sealed class WorldRandom
{
    private readonly Xoshiro256 _core;

    /// <summary>A generator whose whole state derives from <paramref name="seed"/>.</summary>
    public WorldRandom(ulong seed) => _core = new Xoshiro256(seed);

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64() => _core.NextUInt64();

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), without modulo bias.</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        var bound = (ulong)exclusiveMax;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="inclusiveMax"/>].</summary>
    public int NextInt(int min, int inclusiveMax) => min + NextInt(inclusiveMax - min + 1);

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>One element of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];

    /// <summary>The items in a uniformly random order (Fisher–Yates on a copy).</summary>
    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>
    /// A seed derived from <paramref name="seed"/> and a path of stream ids (for example round and index),
    /// so that independent streams never share draws.
    /// </summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<ulong> path)
    {
        var x = seed ^ 0x6A09E667F3BCC909UL;
        var h = Xoshiro256.SplitMix64(ref x);
        foreach (var p in path)
        {
            x = h ^ (p * 0x9E3779B97F4A7C15UL) ^ 0xBB67AE8584CAA73BUL;
            h = Xoshiro256.SplitMix64(ref x);
        }
        return h;
    }

    /// <summary>A stable 64-bit id for a stream name (FNV-1a over its UTF-16 code units).</summary>
    public static ulong StreamId(string name)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in name)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return h;
    }
}
