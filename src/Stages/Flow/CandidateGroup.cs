namespace RlaifV.Stages.Flow;

/// <summary>
/// One prompt's candidates entering a graph after sampling (a replay): every candidate of the prompt, each with
/// <see cref="CandidateItem.Expected"/> = their number, under the prompt's ticket.
/// </summary>
/// <param name="Ticket">The prompt's ticket (admitted once, completed when its result is written).</param>
/// <param name="Candidates">The prompt's candidates.</param>
public sealed record CandidateGroup(PromptTicket Ticket, IReadOnlyList<CandidateItem> Candidates);
