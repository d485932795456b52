namespace RlaifV.Kafka;

/// <summary>Counts of one bounded read.</summary>
public sealed class BoundedReadStats
{
    /// <summary>Distinct records returned.</summary>
    public long Records { get; set; }

    /// <summary>Records dropped because their id was seen before.</summary>
    public long Duplicates { get; set; }

    /// <summary>Messages read (a message may hold several records).</summary>
    public long Messages { get; set; }

    /// <summary>Messages skipped because they did not decode (only when the reader was asked to skip them).</summary>
    public long Malformed { get; set; }
}
