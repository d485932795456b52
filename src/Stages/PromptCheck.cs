using RlaifV.Schemas;

namespace RlaifV.Stages;

/// <summary>The outcome of <see cref="PromptValidator.Check"/>: the prompt, or the dead-letter reason code and what was wrong.</summary>
/// <param name="Prompt">The valid prompt (its image's bytes read), or null.</param>
/// <param name="Reason">The <see cref="DeadLetterReasons"/> code when the draft is not a valid prompt.</param>
/// <param name="Detail">What was wrong.</param>
public readonly record struct PromptCheck(Prompt? Prompt, string? Reason, string? Detail)
{
    /// <summary>A draft that is not a valid prompt.</summary>
    public static PromptCheck Failed(string reason, string detail) => new(null, reason, detail);
}
