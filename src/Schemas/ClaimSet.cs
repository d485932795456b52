using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas;

/// <summary>The atomic claims of one candidate and the polar question made from each (same order).</summary>
public sealed record ClaimSet
{
    /// <summary>The candidate the claims were extracted from.</summary>
    public required string CandidateId { get; init; }

    /// <summary>The prompt of that candidate.</summary>
    public required string PromptId { get; init; }

    /// <summary>Atomic, self-contained factual claims about the image.</summary>
    public required IReadOnlyList<string> Claims { get; init; }

    /// <summary>One yes/no question per claim, suffix included; empty until rewritten.</summary>
    public required IReadOnlyList<string> Questions { get; init; }

    /// <summary>Which extractor produced the claims.</summary>
    public required string ExtractorId { get; init; }

    /// <summary>Arrow layout.</summary>
    public static RecordLayout<ClaimSet> Layout { get; } = new(
        "claim_set", 1,
        r => new ClaimSet
        {
            CandidateId = r.String("candidate_id"),
            PromptId = r.String("prompt_id"),
            Claims = r.Utf8List("claims"),
            Questions = r.Utf8List("questions"),
            ExtractorId = r.String("extractor_id"),
        },
        Col.Utf8<ClaimSet>("candidate_id", c => c.CandidateId),
        Col.Utf8<ClaimSet>("prompt_id", c => c.PromptId),
        Col.Utf8List<ClaimSet>("claims", c => c.Claims),
        Col.Utf8List<ClaimSet>("questions", c => c.Questions),
        Col.Utf8<ClaimSet>("extractor_id", c => c.ExtractorId));
}
