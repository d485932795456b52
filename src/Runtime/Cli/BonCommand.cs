using System.Security.Cryptography;
using System.Text.Json;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
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

        if (options.Models.Policy.Backend == ModelBackend.None || !Directory.Exists(options.Models.Policy.Path))
        {
            throw new ConfigException($"models.policy.path = '{options.Models.Policy.Path}': bon samples its candidates from models.policy; set backend llava and a checkpoint folder");
        }

        int n = args.N ?? options.Training.BonN;
        byte[] bytes = await File.ReadAllBytesAsync(args.Image);
        var image = new ImageInput(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
        var models = new ConfiguredModels(options, ModelFactory.Build);
        var bestOf = new SelfFeedbackBestOfN(models.PolicyAt(options.Models.Policy.Path), models.PolicyAt(Path.GetFullPath(args.Aligned)), models.PolicyAt(Path.GetFullPath(args.Reference)), options.Training.Beta);
        BestOfNPrompt[] prompt = [new(image, args.Prompt, Enumerable.Range(0, n).Select(i => options.Run.GlobalSeed + i).ToList())];
        var samples = await bestOf.SampleAsync(prompt, options.Sampling.ToGenerationSettings(), CancellationToken.None);

        await stderr.WriteLineAsync($"bon: {n} candidates sampled; scoring with {args.Aligned} against {args.Reference}");
        var choice = (await bestOf.RankAsync(prompt, samples, CancellationToken.None))[0];
        foreach (int i in Enumerable.Range(0, n).OrderByDescending(i => choice.Rewards[i]))
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new { index = i, reward = choice.Rewards[i], best = i == choice.Best, text = choice.Texts[i] }));
        }

        return ExitCodes.Ok;
    }
}
