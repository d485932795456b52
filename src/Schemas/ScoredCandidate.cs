using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas;

/// <summary>
/// A candidate with its claims' verdicts and its score = −(number of rejected claims). A candidate with
/// zero claims has no score (<see cref="Score"/> is null) and never enters a pair. This is the record of
/// the per-round verdicts topic: everything pairing needs, so pairs can be replayed from it.
/// </summary>
public sealed record ScoredCandidate
{
    /// <summary>The candidate.</summary>
    public required Candidate Candidate { get; init; }

    /// <summary>One verdict per claim, in claim order.</summary>
    public required IReadOnlyList<Verdict> Verdicts { get; init; }

    /// <summary>−(rejected claims), or null when the candidate had no claims.</summary>
    public required int? Score { get; init; }

    /// <summary>Id of the labeler model that produced the verdicts.</summary>
    public required string LabelerId { get; init; }

    /// <summary>Arrow layout: the candidate's columns, then verdicts, score and labeler.</summary>
    public static RecordLayout<ScoredCandidate> Layout { get; } = new(
        "scored_candidate", 1,
        r => new ScoredCandidate
        {
            Candidate = new Candidate
            {
                PromptId = r.String("prompt_id"),
                Round = r.Int32("round"),
                Index = r.Int32("index"),
                Seed = r.Int64("seed"),
                Text = r.String("text"),
                TokenCount = r.Int32("token_count"),
                PolicyId = r.String("policy_id"),
            },
            Verdicts = r.StructList("verdicts", Verdict.Layout),
            Score = r.NullableInt32("score"),
            LabelerId = r.String("labeler_id"),
        },
        Col.Utf8<ScoredCandidate>("candidate_id", s => s.Candidate.Id),
        Col.Utf8<ScoredCandidate>("prompt_id", s => s.Candidate.PromptId),
        Col.Int32<ScoredCandidate>("round", s => s.Candidate.Round),
        Col.Int32<ScoredCandidate>("index", s => s.Candidate.Index),
        Col.Int64<ScoredCandidate>("seed", s => s.Candidate.Seed),
        Col.Utf8<ScoredCandidate>("text", s => s.Candidate.Text),
        Col.Int32<ScoredCandidate>("token_count", s => s.Candidate.TokenCount),
        Col.Utf8<ScoredCandidate>("policy_id", s => s.Candidate.PolicyId),
        Col.StructList<ScoredCandidate, Verdict>("verdicts", s => s.Verdicts, Verdict.Layout),
        Col.Int32<ScoredCandidate>("score", s => s.Score, nullable: true),
        Col.Utf8<ScoredCandidate>("labeler_id", s => s.LabelerId));
}
