namespace RlaifV.Stages.Flow;

/// <summary>The round as a metric label value.</summary>
public static class RoundLabel
{
    /// <summary>The label value for <paramref name="round"/>.</summary>
    public static string Of(int round) => round.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
