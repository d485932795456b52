using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas;

/// <summary>
/// The labeler's answer to one claim's polar question. <see cref="PYes"/> is P(yes)+P(Yes) and
/// <see cref="PNo"/> is P(no)+P(No), both from one softmax over the whole vocabulary at the first answer
/// position; the claim is accepted iff PYes &gt; PNo (strict).
/// </summary>
public sealed record Verdict
{
    /// <summary>Index of the claim within its candidate's claim set.</summary>
    public required int ClaimIndex { get; init; }

    /// <summary>The claim.</summary>
    public required string Claim { get; init; }

    /// <summary>The polar question asked, suffix included.</summary>
    public required string Question { get; init; }

    /// <summary>P(yes)+P(Yes).</summary>
    public required double PYes { get; init; }

    /// <summary>P(no)+P(No).</summary>
    public required double PNo { get; init; }

    /// <summary>PYes &gt; PNo.</summary>
    public required bool Accepted { get; init; }

    /// <summary>Arrow layout (also nested as a struct inside pairs).</summary>
    public static RecordLayout<Verdict> Layout { get; } = new(
        "verdict", 1,
        r => new Verdict
        {
            ClaimIndex = r.Int32("claim_index"),
            Claim = r.String("claim"),
            Question = r.String("question"),
            PYes = r.Float64("p_yes"),
            PNo = r.Float64("p_no"),
            Accepted = r.Bool("accepted"),
        },
        Col.Int32<Verdict>("claim_index", v => v.ClaimIndex),
        Col.Utf8<Verdict>("claim", v => v.Claim),
        Col.Utf8<Verdict>("question", v => v.Question),
        Col.Float64<Verdict>("p_yes", v => v.PYes),
        Col.Float64<Verdict>("p_no", v => v.PNo),
        Col.Bool<Verdict>("accepted", v => v.Accepted));
}
