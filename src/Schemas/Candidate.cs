using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas;

/// <summary>One sampled response of the policy to a prompt.</summary>
public sealed record Candidate
{
    /// <summary>The prompt this answers.</summary>
    public required string PromptId { get; init; }

    /// <summary>The round (iteration) whose policy sampled it.</summary>
    public required int Round { get; init; }

    /// <summary>Index among the prompt's n candidates, 0-based.</summary>
    public required int Index { get; init; }

    /// <summary>The sampling seed, derived from (global seed, round, prompt id, index).</summary>
    public required long Seed { get; init; }

    /// <summary>The response text.</summary>
    public required string Text { get; init; }

    /// <summary>Number of generated tokens.</summary>
    public required int TokenCount { get; init; }

    /// <summary>Id of the policy checkpoint that sampled it.</summary>
    public required string PolicyId { get; init; }

    /// <summary>Deterministic id: <c>{prompt}#r{round}c{index}</c>.</summary>
    public string Id => IdOf(PromptId, Round, Index);

    /// <summary>The deterministic candidate id for the given coordinates.</summary>
    public static string IdOf(string promptId, int round, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{promptId}#r{round}c{index}");

    /// <summary>Arrow layout.</summary>
    public static RecordLayout<Candidate> Layout { get; } = new(
        "candidate", 1,
        r => new Candidate
        {
            PromptId = r.String("prompt_id"),
            Round = r.Int32("round"),
            Index = r.Int32("index"),
            Seed = r.Int64("seed"),
            Text = r.String("text"),
            TokenCount = r.Int32("token_count"),
            PolicyId = r.String("policy_id"),
        },
        Col.Utf8<Candidate>("candidate_id", c => c.Id),
        Col.Utf8<Candidate>("prompt_id", c => c.PromptId),
        Col.Int32<Candidate>("round", c => c.Round),
        Col.Int32<Candidate>("index", c => c.Index),
        Col.Int64<Candidate>("seed", c => c.Seed),
        Col.Utf8<Candidate>("text", c => c.Text),
        Col.Int32<Candidate>("token_count", c => c.TokenCount),
        Col.Utf8<Candidate>("policy_id", c => c.PolicyId));
}
