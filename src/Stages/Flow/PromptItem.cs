using RlaifV.Schemas;

namespace RlaifV.Stages.Flow;

/// <summary>A validated prompt (image bytes resolved) on its way through the graph.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="Ticket">Its origin.</param>
public sealed record PromptItem(Prompt Prompt, PromptTicket Ticket);
