namespace RlaifV.Schemas.Datasets;

/// <summary>
/// One record of a prompts file as its layout reads it: a <see cref="PromptDraft"/> to validate, or, when the record
/// cannot even be parsed, the dead-letter reason code and what was wrong. Either way the raw record (possibly
/// truncated) is kept for the dead letter.
/// </summary>
public sealed record ParsedPrompt
{
    /// <summary>The draft, or null when the record could not be parsed.</summary>
    public PromptDraft? Draft { get; init; }

    /// <summary>The <see cref="DeadLetterReasons"/> code when the record could not be parsed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>What was wrong with the record, when it could not be parsed.</summary>
    public string? FailureDetail { get; init; }

    /// <summary>The record's key (its id) when it could be read, also for a record that failed.</summary>
    public string? Key { get; init; }

    /// <summary>The raw record, possibly truncated.</summary>
    public string? Raw { get; init; }
}
