namespace RlaifV.Models;

/// <summary>
/// One row's random stream (<see cref="Xoshiro256"/> seeded from the caller's 64-bit seed), independent of other
/// rows, so a row's draw never depends on its batch neighbours.
/// </summary>
internal sealed class RowRng(long seed)
{
    private readonly Xoshiro256 _core = new(unchecked((ulong)seed));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => _core.NextDouble();
}
