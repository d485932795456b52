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
    /// <summary>What bon is asked.</summary>
    /// <param name="Image">The image file.</param>
    /// <param name="Prompt">The instruction.</param>
    /// <param name="Aligned">The DPO-trained checkpoint whose reward scores candidates.</param>
    /// <param name="Reference">The aligned model's reference checkpoint.</param>
    /// <param name="N">Candidates (null: training.bon_n).</param>
    public sealed record Request(string Image, string Prompt, string Aligned, string Reference, int? N);

    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("bon", "bon",
            "Best-of-N with self-feedback: sample N answers with models.policy, score each with r = (beta/T)*sum(log p_aligned - log p_reference), " +
            "print them best first as JSON lines.",
            "rlaifv bon --image FILE --prompt TEXT --aligned DIR --reference DIR [--n N] [--config FILE]");
        var config = new ConfigOptions(verb, ConfigOverride.None);
        var image = Required(verb, CliOption.Text("--image", "FILE", "the image file"));
        var prompt = Required(verb, CliOption.Text("--prompt", "TEXT", "the instruction"));
        var aligned = Required(verb, CliOption.Text("--aligned", "DIR", "the DPO-trained checkpoint whose reward scores the candidates"));
        var reference = Required(verb, CliOption.Text("--reference", "DIR", "the aligned checkpoint's reference (its starting policy)"));
        var n = CliOption.Whole("--n", 1, "candidates to sample (overrides training.bon_n)");
        verb.Options.Add(n);
        verb.SetHandler(services, global, run => RunAsync(
            config.Bind(run.Parse).LoadOptions(), new Request(run.Get(image)!, run.Get(prompt)!, run.Get(aligned)!, run.Get(reference)!, run.Get(n)), run));
        return verb;
    }

    /// <summary>Runs the verb with validated options.</summary>
    public static async Task<int> RunAsync(PipelineOptions options, Request request, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        if (options.Models.Policy.Backend == ModelBackend.None || !Directory.Exists(options.Models.Policy.Path))
        {
            throw new ConfigException($"models.policy.path = '{options.Models.Policy.Path}': bon samples its candidates from models.policy; set backend llava and a checkpoint folder");
        }

        int n = request.N ?? options.Training.BonN;
        byte[] bytes = await File.ReadAllBytesAsync(request.Image);
        var image = new ImageInput(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
        var models = new ConfiguredModels(options, run.ModelsFor(null));
        var bestOf = new SelfFeedbackBestOfN(models.PolicyAt(options.Models.Policy.Path), models.PolicyAt(Path.GetFullPath(request.Aligned)), models.PolicyAt(Path.GetFullPath(request.Reference)), options.Training.Beta);
        BestOfNPrompt[] prompt = [new(image, request.Prompt, Enumerable.Range(0, n).Select(i => options.Run.GlobalSeed + i).ToList())];
        var samples = await bestOf.SampleAsync(prompt, options.Sampling.ToGenerationSettings(), run.Stop);

        run.Progress.WriteLine($"bon: {n} candidates sampled; scoring with {request.Aligned} against {request.Reference}");
        var choice = (await bestOf.RankAsync(prompt, samples, run.Stop))[0];
        foreach (int i in Enumerable.Range(0, n).OrderByDescending(i => choice.Rewards[i]))
        {
            await run.Out.WriteLineAsync(JsonSerializer.Serialize(new { index = i, reward = choice.Rewards[i], best = i == choice.Best, text = choice.Texts[i] }));
        }

        return ExitCodes.Ok;
    }

    private static System.CommandLine.Option<string?> Required(System.CommandLine.Command verb, System.CommandLine.Option<string?> option)
    {
        option.Required = true;
        verb.Options.Add(option);
        return option;
    }
}
