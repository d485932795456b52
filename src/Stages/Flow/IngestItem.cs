using RlaifV.Schemas;
using RlaifV.Schemas.Datasets;

namespace RlaifV.Stages.Flow;

/// <summary>
/// One input record as read by a source: either a draft to validate, or a record the source could not
/// even parse (then <see cref="Draft"/> is null and <see cref="ParseError"/> says why). Either way it
/// reaches ingest, so every input ends in exactly one outcome.
/// </summary>
public sealed record IngestItem
{
    /// <summary>The item of a record a file layout parsed (<see cref="ParsedPrompt"/>).</summary>
    public static IngestItem Of(PromptTicket ticket, ParsedPrompt parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new IngestItem { Ticket = ticket, Draft = parsed.Draft, ParseReason = parsed.FailureReason, ParseError = parsed.FailureDetail, Raw = parsed.Raw, Key = parsed.Key };
    }

    /// <summary>Where the record came from.</summary>
    public required PromptTicket Ticket { get; init; }

    /// <summary>The parsed draft, or null when the record could not be parsed.</summary>
    public PromptDraft? Draft { get; init; }

    /// <summary>The dead-letter reason code when the record could not be parsed.</summary>
    public string? ParseReason { get; init; }

    /// <summary>What was wrong with the record, when it could not be parsed.</summary>
    public string? ParseError { get; init; }

    /// <summary>The record's key (prompt id) when readable, also when the record failed to parse.</summary>
    public string? Key { get; init; }

    /// <summary>
    /// Process alone: the graph is drained before this item enters and nothing else enters until it is done (a Kafka
    /// prompt that was in flight when a generator died).
    /// </summary>
    public bool Isolated { get; init; }

    /// <summary>The raw record (for the dead letter), possibly truncated.</summary>
    public string? Raw { get; init; }
}
