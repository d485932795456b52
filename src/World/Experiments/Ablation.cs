using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RlaifV.Orchestration;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.Training;

namespace RlaifV.World.Experiments;

/// <summary>
/// <c>rlaifv world ablate</c>: the paper's comparisons in miniature, on the built-in world, each a full <see cref="RunJob"/>
/// into its own folder (resumable): (a) the configured iterative rounds; (b) one round with all of (a)'s prompts, so all
/// pairs come from the start policy; (c) whole-response feedback (the labeler asked whether the whole response is
/// accurate, score = P(yes)) instead of claim-level; when the configuration deviates from the method (length-balance
/// filter off, an SFT term on the chosen answer), the faithful iterative run beside (a); plus (d) best-of-N on held-out scenes: the start policy's N samples
/// ranked by the self-feedback reward of (a)'s final policy against the start policy, against a random one of them.
/// Writes <c>ablation.md</c> and <c>ablation.json</c>.
/// </summary>
/// <param name="options">The configured run (variant (a)); the others change it.</param>
/// <param name="world">The world section.</param>
/// <param name="models">Builds each round's models and loads the policies.</param>
/// <param name="trainer">Trains each round.</param>
/// <param name="log">Progress.</param>
public sealed class Ablation(RunJobOptions options, WorldOptions world, IModelProvider models, IRoundTrainer trainer, TextWriter log)
{
    /// <summary>Held-out scenes used for best-of-N (the first of the held-out set).</summary>
    public const int BonScenes = 300;

    /// <summary>Runs every variant (finished ones are resumed, not redone) and writes the table into <paramref name="directory"/>.</summary>
    public async Task<IReadOnlyList<AblationRow>> RunAsync(string directory, int bestOfN, CancellationToken stop)
    {
        var rounds = options.Rounds;
        var perRound = options.PromptsPerRound;
        var stages = options.Stages;
        var t = options.Training;
        var deviations = new List<string>();
        if (!t.LengthBalance) deviations.Add("no length balance");
        if (t.SftWeight > 0) deviations.Add(string.Create(CultureInfo.InvariantCulture, $"SFT term on chosen, w = {t.SftWeight:0.###}"));
        var deviation = deviations.Count == 0 ? "" : ", " + string.Join(", ", deviations);
        var variants = new List<(string Name, string Method, string Feedback, RunJobOptions Options)>
        {
            ("iterative", $"RLAIF-V, {rounds} iterative rounds{deviation}", "claim-level", options),
            ("one-round", $"1 round, all {rounds * perRound} prompts from the start policy", "claim-level",
                options with { Rounds = 1, PromptsPerRound = rounds * perRound }),
            ("whole-response", $"{rounds} iterative rounds", "whole-response P(yes)",
                options with
                {
                    Stages = stages with
                    {
                        Claims = stages.Claims with { Extractor = ClaimExtractorKind.Whole },
                        Questions = stages.Questions with { Rewriter = QuestionRewriterKind.Whole },
                        Pairing = stages.Pairing with { Score = ScoreRule.PYes },
                    },
                }),
        };
        if (deviations.Count > 0)
        {
            // The configuration deviates from the method; the faithful run (method.md's rules) sits beside it.
            variants.Insert(1, ("faithful", $"RLAIF-V, {rounds} iterative rounds, the method as stated (length balance, no SFT term)", "claim-level",
                options with { Training = t with { LengthBalance = true, SftWeight = 0 } }));
        }

        var rows = new List<AblationRow>();
        RoundRecord? start = null;
        string? finalPolicy = null;
        foreach (var (name, method, feedback, variant) in variants)
        {
            var dir = Path.Combine(directory, name);
            var o = variant with
            {
                Output = variant.Output with { Dir = dir },
                Training = variant.Training with { CheckpointsDir = Path.Combine(dir, "checkpoints") },
            };
            var scenes = new WorldRounds(world, o.PromptsPerRound, o.Stages.Sampling.MaxNewTokens);
            var job = new RunJob(o, models, trainer, scenes, scenes, log);
            if (start is not null && job.Ledger.Get(0) is null) job.Ledger.Save(start); // the same start policy on the same held-out set
            await log.WriteLineAsync($"ablation {name}: {method}, {feedback} feedback → {dir}");
            var records = await job.RunAsync(stop);
            RunReport.Write(dir, records, scenes.Describe());
            start ??= records[0];
            if (name == "iterative") finalPolicy = job.PolicyOf(records[^1].Round);
            var last = records[^1];
            rows.Add(new AblationRow(method, feedback, records.Sum(r => r.Pairs), last.ResponseHallucination, last.ClaimHallucination, last.Coverage, last.MeanWords));
        }
        rows.Insert(0, new AblationRow("start policy (greedy)", "–", 0, start!.ResponseHallucination, start.ClaimHallucination, start.Coverage, start.MeanWords));

        var (random, best) = await BestOfNAsync(options.StartPolicy, finalPolicy!, bestOfN, stop);
        rows.Add(random);
        rows.Add(best);

        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "ablation.json"), JsonSerializer.Serialize(new { rows }, RunLedger.Json), stop);
        await File.WriteAllTextAsync(Path.Combine(directory, "ablation.md"), Markdown(rows, bestOfN), stop);
        return rows;
    }

    /// <summary>The table in the shape of the paper's.</summary>
    public static string Markdown(IReadOnlyList<AblationRow> rows, int bestOfN)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var b = new StringBuilder();
        b.AppendLine("# Ablations on the built-in world").AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"Held-out scenes, exact checker. Rounds (a)–(c) spend the same prompts; best-of-{bestOfN} is measured on the first {BonScenes} held-out scenes with samples at the configured temperature.").AppendLine();
        b.AppendLine("| method | feedback | pairs | response hallucination | claim hallucination | coverage | mean words |");
        b.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"| {r.Method} | {r.Feedback} | {r.Pairs} | {Pct(r.ResponseHallucination)} | {Pct(r.ClaimHallucination)} | {Pct(r.Coverage)} | {(r.MeanWords is { } w ? w.ToString("F1", CultureInfo.InvariantCulture) : "–")} |");
        }
        return b.ToString();
    }

    /// <summary>(d): the start policy's samples, a random one vs the best by the self-feedback reward of the final policy.</summary>
    private async Task<(AblationRow Random, AblationRow Best)> BestOfNAsync(string startPolicy, string finalPolicy, int n, CancellationToken stop)
    {
        var scenes = WorldEvaluation.Scenes(world.DevSeed, Math.Min(BonScenes, Math.Max(1, world.HeldOut)));
        await log.WriteLineAsync($"ablation best-of-{n}: {scenes.Count} held-out scenes × {n} samples of the start policy, reward of {finalPolicy}");
        var prompts = scenes.Select(p => new BestOfNPrompt(new ImageInput(p.Image.Sha256, p.Image.Png), p.Instruction,
            Enumerable.Range(0, n).Select(k => Seeds.Derive(options.Stages.Run.GlobalSeed, 0, p.Id, "bon", k)).ToList())).ToList();
        var bestOf = new SelfFeedbackBestOfN(models.PolicyAt(startPolicy), models.PolicyAt(finalPolicy), models.PolicyAt(startPolicy), options.Training.Beta);
        var samples = await bestOf.SampleAsync(prompts, options.Stages.Sampling.ToGenerationSettings(), stop);
        var choices = await bestOf.RankAsync(prompts, samples, stop);
        var randomPicks = new List<(Scene, string)>();
        var bestPicks = new List<(Scene, string)>();
        for (int i = 0; i < scenes.Count; i++)
        {
            var p = scenes[i];
            var texts = choices[i].Texts;
            // "Random": a fixed pseudo-random index per scene, independent of the texts.
            int random = (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(p.Id))) % (uint)n);
            randomPicks.Add((p.Scene, texts[random]));
            bestPicks.Add((p.Scene, texts[choices[i].Best]));
        }
        AblationRow Of(string method, string feedback, IEnumerable<(Scene, string)> picks)
        {
            var m = Checker.Measure(picks);
            return new AblationRow(method, feedback, 0, m.ResponseHallucination, m.ClaimHallucination, m.Coverage, m.MeanWords);
        }
        return (Of($"start policy, random 1 of {n} samples", "–", randomPicks),
                Of($"start policy, best of {n} samples", "self-feedback reward of (a)'s final policy", bestPicks));
    }

    private static string Pct(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("P1", CultureInfo.InvariantCulture) : "–";
}
