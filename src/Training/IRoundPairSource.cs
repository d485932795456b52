namespace RlaifV.Training;

/// <summary>
/// Where a round's pair records come from: the round's Parquet files (<see cref="ParquetRoundPairSource"/>) or the
/// round's pairs topic read up to the end offsets the control topic recorded (the Kafka reader implements this too).
/// A source only reads; de-duplication, validation and the length-balance filter are <see cref="RoundFilter"/>'s, the
/// same for every source.
/// </summary>
public interface IRoundPairSource
{
    /// <summary>A human-readable name of round <paramref name="round"/>'s input (for messages).</summary>
    string Describe(int round);

    /// <summary>
    /// Every record of round <paramref name="round"/>, in a deterministic order. Input that cannot be read at all (an
    /// unreadable file) is reported through <paramref name="deadLetter"/> and skipped.
    /// </summary>
    IAsyncEnumerable<RoundPairRecord> ReadAsync(int round, Action<RlaifV.Schemas.DeadLetter> deadLetter, CancellationToken cancellationToken);
}
