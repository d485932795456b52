namespace RlaifV.Evaluation;

/// <summary>
/// One side's win rate in a pairwise comparison: (wins + ties / 2) ÷ compared, with a 95 % Wilson score interval
/// (z = 1.96) computed at that rate over the compared items (ties counting half a success).
/// </summary>
/// <param name="Wins">Items where this side won.</param>
/// <param name="Ties">Items judged a tie.</param>
/// <param name="Losses">Items where the other side won.</param>
public sealed record WinRate(int Wins, int Ties, int Losses)
{
    private const double Z = 1.96;

    /// <summary>Items compared (unparsed verdicts excluded).</summary>
    public int Compared => Wins + Ties + Losses;

    /// <summary>(wins + ties / 2) ÷ compared; NaN when nothing was compared.</summary>
    public double Rate => Compared == 0 ? double.NaN : (Wins + (Ties / 2.0)) / Compared;

    /// <summary>The interval's lower end.</summary>
    public double Low => Wilson(-1);

    /// <summary>The interval's upper end.</summary>
    public double High => Wilson(+1);

    private double Wilson(int sign)
    {
        if (Compared == 0) return double.NaN;
        double n = Compared, p = Rate, z2 = Z * Z;
        double centre = p + (z2 / (2 * n));
        double spread = Z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return Math.Clamp((centre + (sign * spread)) / (1 + (z2 / n)), 0, 1);
    }
}
