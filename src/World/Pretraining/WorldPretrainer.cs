using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RlaifV.Models;
using RlaifV.Stages.Ports;

namespace RlaifV.World.Pretraining;

/// <summary>
/// <c>rlaifv world pretrain</c>: reproduces the world's two tiny LLaVA-1.5 models from a seed. The policy is
/// supervised on descriptions and short answers with <see cref="BiasProfile.Default"/>'s errors planted; the
/// labeler starts from the trained policy and is fine-tuned on yes/no questions (the policy's own sampled claims
/// plus random true and false claims, answers from the oracle). Writes <c>policy/</c> and <c>labeler/</c> in the
/// Hugging Face layout (config.json, model.safetensors, tokenizer.json, tokenizer_config.json,
/// preprocessor_config.json), <c>pretrain.json</c> with the measured figures, and <c>SHA256SUMS</c> over all files.
/// </summary>
public static class WorldPretrainer
{
    /// <summary>The manifest's file name (sha256sum's format, paths relative to the output directory).</summary>
    public const string ManifestName = "SHA256SUMS";

    /// <summary>Most scenes sampled for the labeler's pool of the policy's own claims (8,000 scenes: about 30,000 claims).</summary>
    private const int MaxPoolPrompts = 8000;

    private static readonly string[] ModelFolders = ["policy", "labeler"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Runs both phases and the measurement; <paramref name="progress"/> hears after every step.</summary>
    public static async Task<PretrainReport> RunAsync(PretrainOptions options, string outputDirectory, Action<PretrainProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        string policyDir = Path.Combine(outputDirectory, "policy");
        string labelerDir = Path.Combine(outputDirectory, "labeler");
        if (options.PolicyFrom is { } from)
        {
            if (!File.Exists(Path.Combine(from, "model.safetensors"))) throw new ArgumentException($"--policy {from}: not a policy checkpoint folder (no model.safetensors)");
            if (Path.GetFullPath(from) != Path.GetFullPath(policyDir)) CopyDirectory(from, policyDir);
        }
        if (options.PolicyFrom is null) WorldModelFactory.CreateInitial(policyDir, options);
        var greedy = new GenerationSettings { Temperature = 0, MaxNewTokens = options.MaxNewTokens };

        long parameters;
        int vocabulary;
        double policyLoss;
        IReadOnlyList<WorldPrompt> heldOut = PromptSets.HeldOut(options.Seed, options.EvaluationCount);
        IReadOnlyList<string> responses;
        var pool = PretrainCorpus.ClaimPool.Empty;
        using (var policy = Load(policyDir, "world-policy", options))
        {
            parameters = policy.Engine.Llava!.DistinctParameters().Sum(p => p.Parameter.NumberOfElements);
            vocabulary = policy.Engine.Llava!.Config.TextConfig.VocabSize;
            policyLoss = double.NaN;
            if (options.PolicyFrom is null)
            {
                policyLoss = Train(policy, "policy", options.PolicySteps, options.PolicyLearningRate, options, i => PretrainCorpus.PolicyExample(options.Seed, i, options.DescriptionShare), progress, cancellationToken);
                CheckpointWriter.SaveLlava(policy.Engine.Llava!, policyDir);
            }
            progress?.Invoke(new PretrainProgress("evaluate", 0, 1, double.NaN, clock.Elapsed));
            responses = await PretrainEvaluation.SampleAsync(policy, heldOut, greedy, 0, cancellationToken).ConfigureAwait(false);
            if (options.LabelerSteps > 0 && options.PolicyClaimShare > 0)
            {
                var poolPrompts = PretrainCorpus.ClaimPoolPrompts(options.Seed, Math.Clamp(options.LabelerSteps * options.BatchSize / 8, 16, MaxPoolPrompts));
                var sampling = new GenerationSettings { Temperature = 0.7, MaxNewTokens = options.MaxNewTokens };
                var sampled = await PretrainEvaluation.SampleAsync(policy, poolPrompts, sampling, (long)(options.Seed & int.MaxValue), cancellationToken).ConfigureAwait(false);
                pool = PretrainCorpus.ClaimPool.Split(PretrainEvaluation.Claims(poolPrompts, sampled));
            }
        }

        var metrics = Checker.Measure(heldOut.Select((p, i) => (p.Scene, responses[i])));
        CopyDirectory(policyDir, labelerDir);
        double labelerLoss = double.NaN;
        double agreement;
        var claims = PretrainEvaluation.Claims(heldOut, responses);
        using (var labeler = Load(labelerDir, "world-labeler", options))
        {
            if (options.LabelerSteps > 0)
            {
                labelerLoss = Train(labeler, "labeler", options.LabelerSteps, options.LabelerLearningRate, options, i => PretrainCorpus.LabelerExample(options.Seed, i, options.PolicyClaimShare, pool, options.PolicyFalseShare), progress, cancellationToken);
                CheckpointWriter.SaveLlava(labeler.Engine.Llava!, labelerDir);
            }

            agreement = await PretrainEvaluation.LabelerAgreementAsync(labeler, claims, cancellationToken).ConfigureAwait(false);
        }

        var report = new PretrainReport(options.Seed, parameters, vocabulary, metrics, agreement, claims.Count, policyLoss, labelerLoss, clock.Elapsed.TotalSeconds);
        WriteReport(Path.Combine(outputDirectory, "pretrain.json"), report, options);
        WriteManifest(outputDirectory);
        return report;
    }

    /// <summary>Writes <see cref="ManifestName"/>: the sha256 of every file under policy/ and labeler/, sorted by path.</summary>
    public static void WriteManifest(string outputDirectory)
    {
        var lines = new StringBuilder();
        var files = ModelFolders
            .Select(d => Path.Combine(outputDirectory, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d))
            .Select(f => Path.GetRelativePath(outputDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(Path.Combine(outputDirectory, file));
            lines.Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append("  ").Append(file).Append('\n');
        }

        File.WriteAllText(Path.Combine(outputDirectory, ManifestName), lines.ToString());
    }

    private static LlavaBackend Load(string directory, string id, PretrainOptions options) =>
        LlavaBackend.Load(new BackendOptions { Path = directory, ModelId = id, Device = "cpu", DType = "float32", BatchSize = 64, Threads = options.Threads });

    private static double Train(LlavaBackend backend, string phase, int steps, double learningRate, PretrainOptions options, Func<long, SftExample> example, Action<PretrainProgress>? progress, CancellationToken cancellationToken)
    {
        using var trainer = new SftTrainer(backend, learningRate, options.WeightDecay, steps, options.WarmupFraction);
        var clock = Stopwatch.StartNew();
        var recent = new Queue<double>();
        for (int step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long first = (long)step * options.BatchSize;
            var batch = Enumerable.Range(0, options.BatchSize).Select(i => example(first + i)).ToList();
            double loss = trainer.TrainStep(batch);
            recent.Enqueue(loss);
            if (recent.Count > 20)
            {
                recent.Dequeue();
            }

            progress?.Invoke(new PretrainProgress(phase, step + 1, steps, loss, clock.Elapsed));
        }

        return recent.Average();
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static void WriteReport(string path, PretrainReport report, PretrainOptions options)
    {
        var m = report.Policy;
        var json = new Dictionary<string, object?>
        {
            ["seed"] = report.Seed.ToString(CultureInfo.InvariantCulture),
            ["policy_steps"] = options.PolicySteps,
            ["labeler_steps"] = options.LabelerSteps,
            ["batch_size"] = options.BatchSize,
            ["parameters"] = report.PolicyParameters,
            ["vocabulary_size"] = report.VocabularySize,
            ["held_out_prompts"] = m.Responses,
            ["response_hallucination"] = m.ResponseHallucination,
            ["claim_hallucination"] = m.ClaimHallucination,
            ["coverage"] = m.Coverage,
            ["mean_words"] = m.MeanWords,
            ["labeler_agreement"] = double.IsNaN(report.LabelerAgreement) ? null : report.LabelerAgreement,
            ["labeler_questions"] = report.LabelerQuestions,
            ["policy_final_loss"] = double.IsNaN(report.PolicyFinalLoss) ? null : report.PolicyFinalLoss,
            ["labeler_final_loss"] = double.IsNaN(report.LabelerFinalLoss) ? null : report.LabelerFinalLoss,
            ["seconds"] = report.Seconds,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(json, Indented));
    }
}
