using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RlaifV.Schemas;

namespace RlaifV.Evaluation;

/// <summary>One benchmark run's figures and what they were measured on.</summary>
/// <param name="Benchmark">The benchmark.</param>
/// <param name="Policy">The policy folder.</param>
/// <param name="PolicyDigest">The policy's digest (the response cache's key).</param>
/// <param name="Against">Policy B of a pairwise comparison, else null.</param>
/// <param name="Items">Items measured.</param>
/// <param name="Generated">Responses generated now (the rest came from the cache).</param>
/// <param name="Metrics">The figures: <see cref="ChairMetrics"/>, <see cref="AmberMetrics"/>, <see cref="MmHalMetrics"/> or <see cref="RefombMetrics"/>.</param>
public sealed record EvalResult(Benchmark Benchmark, string Policy, string PolicyDigest, string? Against, int Items, int Generated, object Metrics)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>One JSON object: benchmark, policy, digest, items and the figures (fractions 0–1; MMHal's rating 0–6).</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["benchmark"] = EnumNames.Of(Benchmark),
        ["policy"] = Policy,
        ["policy_digest"] = PolicyDigest,
        ["against"] = Against,
        ["items"] = Items,
        ["generated"] = Generated,
        ["metrics"] = Metrics,
    }, Json);

    /// <summary>The figures as a line for a person.</summary>
    public string ToText() => Metrics switch
    {
        ChairMetrics m => Inv($"object-halbench ({Items} images): CHAIR_s {m.ChairS:P1}, CHAIR_i {m.ChairI:P1}, object recall {m.Recall:P1} ({m.HallucinatedMentions} of {m.Mentions} object mentions hallucinated)"),
        AmberMetrics m => Inv($"amber ({m.Generative} generative, {m.Discriminative} yes/no): CHAIR {m.Chair:P1}, Cover {m.Cover:P1}, Hal {m.Hal:P1}, Cog {m.Cog:P1}; accuracy {m.Accuracy:P1}, F1 {m.F1:P1} (precision {m.Precision:P1}, recall {m.Recall:P1}; no is positive; {m.Unanswered} answered neither yes nor no)"),
        MmHalMetrics m => Inv($"mmhal ({m.Items} items, {m.Ratings.Count} rated): rating {m.MeanRating:F2} of 6, hallucination rate {m.HallucinationRate:P1}{(m.Unrated.Count > 0 ? $"; {m.Unrated.Count} verdicts without a rating: {string.Join(", ", m.Unrated)}" : string.Empty)}"),
        RefombMetrics m => Inv($"refomb ({m.Items} items, {Policy} vs {Against}): trustworthiness win rate {m.Trustworthiness.Rate:P1} [{m.Trustworthiness.Low:P1}, {m.Trustworthiness.High:P1}], helpfulness {m.Helpfulness.Rate:P1} [{m.Helpfulness.Low:P1}, {m.Helpfulness.High:P1}] (95 % Wilson){(m.Unparsed.Count > 0 ? $"; {m.Unparsed.Count} verdicts unparsed" : string.Empty)}"),
        _ => Metrics.ToString() ?? string.Empty,
    };

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
