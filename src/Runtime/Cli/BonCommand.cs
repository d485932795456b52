using System.Security.Cryptography;
using System.Text.Json;
using RlaifV.Models;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Training;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv bon</c>: self-feedback best-of-N. Samples N answers to one (image, prompt) with <c>models.policy</c> and the
/// <c>sampling</c> settings, scores each with r = (β/T)·Σ(log πθ − log π_ref) of <c>--aligned</c> and its
/// <c>--reference</c> (β = training.beta, applied once), and prints every candidate as a JSON line, best first.
/// </summary>
public static class BonCommand
{
    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var options = args.LoadOptions();
        if (args.Image is null || args.Prompt is null || args.Aligned is null || args.Reference is null)
        {
            throw new ArgumentException("bon needs --image FILE --prompt TEXT --aligned DIR --reference DIR");
        }

        if (options.Models.Policy.Backend == "none" || !Directory.Exists(options.Models.Policy.Path))
        {
            throw new ConfigException($"models.policy.path = '{options.Models.Policy.Path}': bon samples its candidates from models.policy; set backend llava and a checkpoint folder");
        }

        int n = args.N ?? options.Training.BonN;
        byte[] bytes = await File.ReadAllBytesAsync(args.Image);
        var image = new ImageInput(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
        var s = options.Sampling;
        var settings = new GenerationSettings { Temperature = s.Temperature, TopP = s.TopP, TopK = s.TopK, RepetitionPenalty = s.RepetitionPenalty, MaxNewTokens = s.MaxNewTokens };
        IReadOnlyList<SampledText> samples;
        using (var policy = LlavaBackend.Load(Pipeline.ModelFactory.ToBackendOptions(options.Models.Policy, options.Models.Policy.Path)))
        {
            var requests = Enumerable.Range(0, n).Select(i => new SamplingRequest(image, args.Prompt, options.Run.GlobalSeed + i)).ToList();
            samples = await policy.CreatePolicySampler().SampleAsync(requests, settings, CancellationToken.None);
        }

        await stderr.WriteLineAsync($"bon: {n} candidates sampled; scoring with {args.Aligned} against {args.Reference}");
        using var aligned = LlavaBackend.Load(Pipeline.ModelFactory.ToBackendOptions(options.Models.Policy, Path.GetFullPath(args.Aligned)));
        using var reference = LlavaBackend.Load(Pipeline.ModelFactory.ToBackendOptions(options.Models.Policy, Path.GetFullPath(args.Reference)));
        var scorer = new SelfFeedbackScorer(aligned.CreateLogProbScorer(), reference.CreateLogProbScorer(), options.Training.Beta);
        var candidates = samples.Select(x => new LogProbRequest(image, args.Prompt, x.Text)).ToList();
        var (best, rewards) = await scorer.SelectAsync(candidates, CancellationToken.None);
        foreach (int i in Enumerable.Range(0, n).OrderByDescending(i => rewards[i]))
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new { index = i, reward = rewards[i], best = i == best, text = samples[i].Text }));
        }

        return ExitCodes.Ok;
    }
}
