using RlaifV.Schemas;

namespace RlaifV.Stages.Flow;

/// <summary>
/// One candidate travelling from sampling to pairing, accumulating its claims, questions and verdicts.
/// A candidate that failed in some stage keeps travelling with <see cref="Failed"/> set (its dead letter
/// is already written), so pairing still sees all n candidates of its prompt and can complete it.
/// </summary>
public sealed record CandidateItem
{
    /// <summary>The prompt it answers.</summary>
    public required PromptItem Source { get; init; }

    /// <summary>The candidate.</summary>
    public required Candidate Candidate { get; init; }

    /// <summary>How many candidates the prompt has in all (n).</summary>
    public required int Expected { get; init; }

    /// <summary>The extracted claims (empty until extraction).</summary>
    public IReadOnlyList<string> Claims { get; init; } = [];

    /// <summary>One polar question per claim (empty until rewriting).</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>One verdict per claim (empty until verification).</summary>
    public IReadOnlyList<Verdict> Verdicts { get; init; } = [];

    /// <summary>Which extractor produced the claims.</summary>
    public string ExtractorId { get; init; } = string.Empty;

    /// <summary>Which labeler produced the verdicts.</summary>
    public string LabelerId { get; init; } = string.Empty;

    /// <summary>True when a stage gave up on this candidate (already dead-lettered).</summary>
    public bool Failed { get; init; }

    /// <summary>The candidate id (for logs, dead letters and fault context).</summary>
    public string Key => Candidate.Id;
}
