namespace RlaifV.Kafka;

/// <summary>Counts of one bounded read.</summary>
public sealed class BoundedReadStats
{
    /// <summary>Distinct records returned.</summary>
    public long Records { get; set; }

    /// <summary>Messages dropped because their <c>rlaifv-id</c> was seen before.</summary>
    public long Duplicates { get; set; }
}
