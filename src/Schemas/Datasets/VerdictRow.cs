using System.Text.Json.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>One claim's verdict as stored in the provenance columns.</summary>
public sealed class VerdictRow
{
    /// <summary>The claim.</summary>
    [JsonPropertyName("claim")]
    public string? Claim { get; set; }

    /// <summary>The polar question asked.</summary>
    [JsonPropertyName("question")]
    public string? Question { get; set; }

    /// <summary>P(yes)+P(Yes).</summary>
    [JsonPropertyName("p_yes")]
    public double? PYes { get; set; }

    /// <summary>P(no)+P(No).</summary>
    [JsonPropertyName("p_no")]
    public double? PNo { get; set; }

    /// <summary>Accepted (PYes &gt; PNo).</summary>
    [JsonPropertyName("accepted")]
    public bool? Accepted { get; set; }

    /// <summary>Converts from the message record.</summary>
    public static VerdictRow From(Verdict v) => new() { Claim = v.Claim, Question = v.Question, PYes = v.PYes, PNo = v.PNo, Accepted = v.Accepted };

    /// <summary>Converts back to the message record.</summary>
    public Verdict ToVerdict(int index) => new()
    {
        ClaimIndex = index, Claim = Claim ?? string.Empty, Question = Question ?? string.Empty, PYes = PYes ?? 0, PNo = PNo ?? 0, Accepted = Accepted ?? false,
    };
}
