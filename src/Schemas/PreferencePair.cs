using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas;

/// <summary>
/// One preference pair: two candidates of the same prompt whose scores differ by at least one; the higher
/// score is chosen. Carries everything the trainer and the Parquet profiles need, plus provenance.
/// </summary>
public sealed record PreferencePair
{
    /// <summary>Deterministic id: <c>{prompt}#r{round}:{chosen index}&gt;{rejected index}</c>.</summary>
    public string Id => IdOf(PromptId, Round, ChosenIndex, RejectedIndex);

    /// <summary>The prompt.</summary>
    public required string PromptId { get; init; }

    /// <summary>The round.</summary>
    public required int Round { get; init; }

    /// <summary>The instruction (the question of the released data).</summary>
    public required string Instruction { get; init; }

    /// <summary>The prompt's image.</summary>
    public required ImageRef Image { get; init; }

    /// <summary>Candidate index of the chosen response.</summary>
    public required int ChosenIndex { get; init; }

    /// <summary>Candidate index of the rejected response.</summary>
    public required int RejectedIndex { get; init; }

    /// <summary>The chosen response.</summary>
    public required string Chosen { get; init; }

    /// <summary>The rejected response.</summary>
    public required string Rejected { get; init; }

    /// <summary>Score of the chosen response (higher).</summary>
    public required int ChosenScore { get; init; }

    /// <summary>Score of the rejected response.</summary>
    public required int RejectedScore { get; init; }

    /// <summary>Word count of the chosen response (used by the length-balance filter).</summary>
    public required int ChosenWords { get; init; }

    /// <summary>Word count of the rejected response.</summary>
    public required int RejectedWords { get; init; }

    /// <summary>Claims and verdicts of the chosen response.</summary>
    public required IReadOnlyList<Verdict> ChosenVerdicts { get; init; }

    /// <summary>Claims and verdicts of the rejected response.</summary>
    public required IReadOnlyList<Verdict> RejectedVerdicts { get; init; }

    /// <summary>Id of the policy that sampled both responses.</summary>
    public required string PolicyId { get; init; }

    /// <summary>Id of the labeler that judged them.</summary>
    public required string LabelerId { get; init; }

    /// <summary>The prompt's source dataset, if known.</summary>
    public string? Source { get; init; }

    /// <summary>The deterministic pair id for the given coordinates.</summary>
    public static string IdOf(string promptId, int round, int chosenIndex, int rejectedIndex) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{promptId}#r{round}:{chosenIndex}>{rejectedIndex}");

    /// <summary>Arrow layout.</summary>
    public static RecordLayout<PreferencePair> Layout { get; } = new(
        "preference_pair", 1,
        r => new PreferencePair
        {
            PromptId = r.String("prompt_id"),
            Round = r.Int32("round"),
            Instruction = r.String("instruction"),
            Image = new ImageRef { Uri = r.NullableString("image_uri"), Bytes = r.Binary("image_bytes"), Sha256 = r.String("image_sha256") },
            ChosenIndex = r.Int32("chosen_index"),
            RejectedIndex = r.Int32("rejected_index"),
            Chosen = r.String("chosen"),
            Rejected = r.String("rejected"),
            ChosenScore = r.Int32("chosen_score"),
            RejectedScore = r.Int32("rejected_score"),
            ChosenWords = r.Int32("chosen_words"),
            RejectedWords = r.Int32("rejected_words"),
            ChosenVerdicts = r.StructList("chosen_verdicts", Verdict.Layout),
            RejectedVerdicts = r.StructList("rejected_verdicts", Verdict.Layout),
            PolicyId = r.String("policy_id"),
            LabelerId = r.String("labeler_id"),
            Source = r.NullableString("source"),
        },
        Col.Utf8<PreferencePair>("pair_id", p => p.Id),
        Col.Utf8<PreferencePair>("prompt_id", p => p.PromptId),
        Col.Int32<PreferencePair>("round", p => p.Round),
        Col.Utf8<PreferencePair>("instruction", p => p.Instruction),
        Col.Utf8<PreferencePair>("image_uri", p => p.Image.Uri, nullable: true),
        Col.Binary<PreferencePair>("image_bytes", p => p.Image.Bytes, nullable: true),
        Col.Utf8<PreferencePair>("image_sha256", p => p.Image.Sha256),
        Col.Int32<PreferencePair>("chosen_index", p => p.ChosenIndex),
        Col.Int32<PreferencePair>("rejected_index", p => p.RejectedIndex),
        Col.Utf8<PreferencePair>("chosen", p => p.Chosen),
        Col.Utf8<PreferencePair>("rejected", p => p.Rejected),
        Col.Int32<PreferencePair>("chosen_score", p => p.ChosenScore),
        Col.Int32<PreferencePair>("rejected_score", p => p.RejectedScore),
        Col.Int32<PreferencePair>("chosen_words", p => p.ChosenWords),
        Col.Int32<PreferencePair>("rejected_words", p => p.RejectedWords),
        Col.StructList<PreferencePair, Verdict>("chosen_verdicts", p => p.ChosenVerdicts, Verdict.Layout),
        Col.StructList<PreferencePair, Verdict>("rejected_verdicts", p => p.RejectedVerdicts, Verdict.Layout),
        Col.Utf8<PreferencePair>("policy_id", p => p.PolicyId),
        Col.Utf8<PreferencePair>("labeler_id", p => p.LabelerId),
        Col.Utf8<PreferencePair>("source", p => p.Source, nullable: true));
}
