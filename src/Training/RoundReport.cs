namespace RlaifV.Training;

/// <summary>How many pairs each step of the round reader kept.</summary>
/// <param name="Read">Records read.</param>
/// <param name="Malformed">Records dead-lettered as malformed (missing fields, equal texts, other round).</param>
/// <param name="Duplicates">Records dropped as repeats of an earlier pair id.</param>
/// <param name="Unique">Valid, distinct pairs before the length-balance filter.</param>
/// <param name="LengthBalanceCut">The cut r the filter chose.</param>
/// <param name="Kept">Pairs kept by the length-balance filter (the round's training set).</param>
/// <param name="Imbalance">|mean chosen words − mean rejected words| / mean rejected words of the kept pairs.</param>
public sealed record RoundReport(int Read, int Malformed, int Duplicates, int Unique, double LengthBalanceCut, int Kept, double Imbalance)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Read} read, {Malformed} malformed, {Duplicates} duplicates, {Unique} unique, length balance (cut {LengthBalanceCut:F2}, imbalance {Imbalance:F3}) kept {Kept}");
}
