using System.Collections.Concurrent;
using System.Globalization;
using RlaifV.Models;
using RlaifV.Orchestration;
using RlaifV.Schemas;
using RlaifV.Stages.Sources;

namespace RlaifV.World.Experiments;

/// <summary>
/// The built-in world as a run's prompts and judge: round r's prompts are <c>run.prompts_per_round</c> fresh scenes drawn
/// from (world.seed, r), with both kinds of instruction; policies are measured greedily on <c>world.held_out</c> dev
/// scenes (<c>world.dev_seed</c>, a separate stream) by the exact checker (<see cref="WorldEvaluation"/>); the labeler's verdicts are compared with the scenes' truth. The prompts
/// that enter the pipeline carry only the image and the instruction (no scene metadata): the pipeline never sees
/// ground truth.
/// </summary>
public sealed class WorldRounds : IRoundPrompts, IRunEvaluator
{
    private readonly WorldOptions world;
    private readonly int perRound;
    private readonly int maxNewTokens;
    private readonly PromptSetOptions promptOptions;
    private readonly ConcurrentDictionary<int, IReadOnlyList<WorldPrompt>> rounds = new();
    private readonly Lazy<IReadOnlyList<WorldPrompt>> heldOut;

    /// <summary>Creates the world of <paramref name="world"/> with <paramref name="perRound"/> prompts per round.</summary>
    /// <param name="world">The world section.</param>
    /// <param name="perRound">Prompts per round.</param>
    /// <param name="maxNewTokens">The token budget of a measured policy's greedy answers (<c>sampling.max_new_tokens</c>).</param>
    public WorldRounds(WorldOptions world, int perRound, int maxNewTokens = 512)
    {
        ArgumentNullException.ThrowIfNull(world);
        this.world = world;
        this.perRound = perRound;
        this.maxNewTokens = maxNewTokens;
        promptOptions = new PromptSetOptions { DescriptionShare = world.DescriptionShare };
        heldOut = new(() => WorldEvaluation.Scenes(world.DevSeed, world.HeldOut));
    }

    /// <summary>Round <paramref name="round"/>'s scenes and questions.</summary>
    public IReadOnlyList<WorldPrompt> Round(int round) => rounds.GetOrAdd(round, r => PromptSets.TrainingRound((ulong)world.Seed, r, perRound, promptOptions));

    /// <inheritdoc />
    public string Describe(int round) => string.Create(CultureInfo.InvariantCulture, $"world seed {world.Seed}, round {round}: {perRound} scenes");

    /// <inheritdoc />
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{world.HeldOut} held-out world scenes (dev seed {world.DevSeed}), detailed descriptions, greedy decoding, exact checker");

    /// <inheritdoc />
    public IPromptSource Open(int round) => new PromptListSource(
        $"world-r{round:D4}", Round(round).Select(p => p.ToPrompt() with { Metadata = null }).ToList());

    /// <inheritdoc />
    public async Task<PolicyScores> MeasureAsync(BackendOptions policy, CancellationToken cancellationToken)
    {
        var prompts = heldOut.Value;
        if (prompts.Count == 0) return new PolicyScores(double.NaN, double.NaN, double.NaN, double.NaN, 0, 0);
        var m = await WorldEvaluation.MeasureAsync(policy, prompts, maxNewTokens, cancellationToken).ConfigureAwait(false);
        return new PolicyScores(m.ResponseHallucination, m.ClaimHallucination, m.Coverage, m.MeanWords, m.Responses, m.Claims, m.Unjudgeable);
    }

    /// <summary>A candidate checkpoint's score for <c>training.select: best</c>: 1 − its response-level hallucination on the dev scenes.</summary>
    public async Task<double> ScoreAsync(BackendOptions checkpoint, CancellationToken cancellationToken)
    {
        var s = await MeasureAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return 1 - s.ResponseHallucination;
    }

    /// <inheritdoc />
    public double? LabelerAgreement(int round, IEnumerable<ScoredCandidate> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var scenes = Round(round).ToDictionary(p => p.Id, p => p.Scene, StringComparer.Ordinal);
        int judged = 0, agree = 0;
        foreach (var scored in verdicts)
        {
            if (!scenes.TryGetValue(scored.Candidate.PromptId, out var scene)) continue;
            foreach (var v in scored.Verdicts)
            {
                var truth = Checker.JudgeClaim(scene, v.Claim).Truth;
                if (truth == Truth.Unjudgeable) continue;
                judged++;
                agree += v.Accepted == (truth == Truth.True) ? 1 : 0;
            }
        }
        return judged == 0 ? null : (double)agree / judged;
    }
}
