using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas;

/// <summary>
/// An input a stage could not process: which stage, why (a short reason code from
/// <see cref="DeadLetterReasons"/>, bounded for metrics), a human-readable detail, the message key and the
/// input itself (truncated), so nothing is silently dropped and every loss can be inspected or replayed.
/// </summary>
public sealed record DeadLetter
{
    /// <summary>The stage that rejected the input (ingest, sample, extract, ...).</summary>
    public required string Stage { get; init; }

    /// <summary>A reason code from <see cref="DeadLetterReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>What exactly was wrong.</summary>
    public required string Detail { get; init; }

    /// <summary>The message key (prompt id or candidate id), when known.</summary>
    public string? Key { get; init; }

    /// <summary>Where the input came from (file:line, topic/partition/offset), when known.</summary>
    public string? Origin { get; init; }

    /// <summary>The input (or a truncated rendering of it).</summary>
    public required string Input { get; init; }

    /// <summary>When it was rejected.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Arrow layout.</summary>
    public static RecordLayout<DeadLetter> Layout { get; } = new(
        "dead_letter", 1,
        r => new DeadLetter
        {
            Stage = r.String("stage"),
            Reason = r.String("reason"),
            Detail = r.String("detail"),
            Key = r.NullableString("key"),
            Origin = r.NullableString("origin"),
            Input = r.String("input"),
            At = r.Timestamp("at"),
        },
        Col.Utf8<DeadLetter>("stage", d => d.Stage),
        Col.Utf8<DeadLetter>("reason", d => d.Reason),
        Col.Utf8<DeadLetter>("detail", d => d.Detail),
        Col.Utf8<DeadLetter>("key", d => d.Key, nullable: true),
        Col.Utf8<DeadLetter>("origin", d => d.Origin, nullable: true),
        Col.Utf8<DeadLetter>("input", d => d.Input),
        Col.Timestamp<DeadLetter>("at", d => d.At));
}
