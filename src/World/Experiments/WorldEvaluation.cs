using RlaifV.Models;
using RlaifV.Stages.Ports;
using RlaifV.World.Pretraining;

namespace RlaifV.World.Experiments;

/// <summary>
/// Measures a policy on held-out world scenes: greedy descriptions of the scenes drawn from a seed, judged by the exact
/// checker (<see cref="Checker.Measure"/>). The one measurement <c>rlaifv run</c> (on the dev seed) and
/// <c>rlaifv world eval</c> (any seed, by default the test seed) share.
/// </summary>
public static class WorldEvaluation
{
    /// <summary>The <paramref name="count"/> held-out scenes of <paramref name="seed"/> (description requests).</summary>
    public static IReadOnlyList<WorldPrompt> Scenes(long seed, int count) => PromptSets.HeldOut(unchecked((ulong)seed), count);

    /// <summary>The policy <paramref name="policy"/> loads, on <paramref name="prompts"/>, greedy with <paramref name="maxNewTokens"/> tokens.</summary>
    public static async Task<HallucinationMetrics> MeasureAsync(BackendOptions policy, IReadOnlyList<WorldPrompt> prompts, int maxNewTokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0) return Checker.Measure([]);
        using var model = LlavaBackend.Load(policy);
        var greedy = new GenerationSettings { Temperature = 0, MaxNewTokens = maxNewTokens };
        var responses = await PretrainEvaluation.SampleAsync(model, prompts, greedy, 0, cancellationToken).ConfigureAwait(false);
        return Checker.Measure(prompts.Select((p, i) => (p.Scene, responses[i])));
    }
}
