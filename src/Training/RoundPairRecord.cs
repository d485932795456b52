namespace RlaifV.Training;

/// <summary>
/// One pair record of a round as the trainer reads it (from the round's Parquet files or, later, its pairs topic):
/// the columns DPO needs plus provenance. Nothing is validated yet; <see cref="RoundFilter"/> does that.
/// </summary>
public sealed record RoundPairRecord
{
    /// <summary>The deterministic pair id (duplicates by this id are dropped).</summary>
    public string? PairId { get; init; }

    /// <summary>The round the record says it belongs to.</summary>
    public int Round { get; init; }

    /// <summary>The instruction.</summary>
    public string? Question { get; init; }

    /// <summary>The chosen response.</summary>
    public string? Chosen { get; init; }

    /// <summary>The rejected response.</summary>
    public string? Rejected { get; init; }

    /// <summary>The encoded image, when the record carries it inline.</summary>
    public byte[]? ImageBytes { get; init; }

    /// <summary>The image's path or URI (read when there are no inline bytes).</summary>
    public string? ImagePath { get; init; }

    /// <summary>SHA-256 of the image.</summary>
    public string? ImageSha256 { get; init; }

    /// <summary>Word count of the chosen response.</summary>
    public int ChosenWords { get; init; }

    /// <summary>Word count of the rejected response.</summary>
    public int RejectedWords { get; init; }

    /// <summary>The released data's <c>logps</c> JSON, when the record carries reference log-probs.</summary>
    public string? Logps { get; init; }

    /// <summary>
    /// The weights' sha256 of the model that computed <see cref="Logps"/> (this project's <c>logps_reference_sha256</c>
    /// column); the trainer uses the values only when it equals the round's reference, else it recomputes them.
    /// </summary>
    public string? LogpsReferenceSha256 { get; init; }

    /// <summary>Where the record came from (file#row, topic/partition@offset).</summary>
    public string? Origin { get; init; }
}
