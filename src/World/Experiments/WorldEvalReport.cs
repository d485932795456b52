using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlaifV.World.Experiments;

/// <summary>
/// What <c>rlaifv world eval --json</c> prints: one policy's figures on <see cref="Scenes"/> held-out scenes of
/// <see cref="Seed"/>, every share a fraction (0–1) like summary.json's.
/// </summary>
public sealed record WorldEvalReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Responses with at least one false claim ÷ responses with a judged claim.</summary>
    public required double ResponseHallucination { get; init; }

    /// <summary>False claims ÷ judged claims.</summary>
    public required double ClaimHallucination { get; init; }

    /// <summary>Objects named by a true claim ÷ objects present.</summary>
    public required double Coverage { get; init; }

    /// <summary>Mean response length in words.</summary>
    public required double MeanWords { get; init; }

    /// <summary>Claims the checker cannot judge ÷ all claims (left out of the figures above).</summary>
    public required double Unjudgeable { get; init; }

    /// <summary>Scenes measured.</summary>
    public required int Scenes { get; init; }

    /// <summary>The scenes' seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Judged claims.</summary>
    public required int Claims { get; init; }

    /// <summary>Claims the checker cannot judge.</summary>
    public required int UnjudgeableClaims { get; init; }

    /// <summary>The policy's checkpoint folder.</summary>
    public required string Policy { get; init; }

    /// <summary>The report of <paramref name="metrics"/>, measured on <paramref name="scenes"/> scenes of <paramref name="seed"/>.</summary>
    public static WorldEvalReport Of(HallucinationMetrics metrics, long seed, int scenes, string policy)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new WorldEvalReport
        {
            ResponseHallucination = metrics.ResponseHallucination,
            ClaimHallucination = metrics.ClaimHallucination,
            Coverage = metrics.Coverage,
            MeanWords = metrics.MeanWords,
            Unjudgeable = metrics.Unjudgeable,
            Scenes = scenes,
            Seed = seed,
            Claims = metrics.Claims,
            UnjudgeableClaims = metrics.UnjudgeableClaims,
            Policy = policy,
        };
    }

    /// <summary>One JSON object, snake_case keys.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
