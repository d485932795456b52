using RlaifV.Evaluation;
using RlaifV.Models;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv eval --benchmark NAME --data PATH --policy DIR [--against DIR] [--coco DIR] [--json]</c>: a policy checkpoint
/// on one of the method's benchmarks, over the benchmark's own files (<see cref="EvalJob"/>). Responses are greedy
/// (<c>sampling.max_new_tokens</c>) and cached under <c>eval.cache_dir</c>; the judged benchmarks use <c>models.llm</c>
/// as the judge (an OpenAI-compatible server with <c>backend: openai</c>, or an in-process checkpoint) with the rubric
/// templates of the <c>eval</c> section.
/// </summary>
public static class EvalCommand
{
    private const string Usage = "rlaifv eval --benchmark object-halbench|amber|mmhal|refomb --data PATH --policy DIR [--against DIR] [--coco DIR] [--json] [--config FILE]";

    private static readonly Dictionary<string, Benchmark> Names = new(StringComparer.Ordinal)
    {
        ["object-halbench"] = Benchmark.ObjectHalbench,
        ["amber"] = Benchmark.Amber,
        ["mmhal"] = Benchmark.Mmhal,
        ["refomb"] = Benchmark.Refomb,
    };

    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("eval", "eval",
            "Measure a policy checkpoint on a hallucination benchmark over its published files (nothing is downloaded): " +
            "object-halbench (CHAIR_s, CHAIR_i; --data the question file, --coco COCO 2014's annotations folder), amber " +
            "(CHAIR, Cover, Hal, Cog, yes/no accuracy and F1; --data AMBER's data folder with its images), mmhal (a judge's " +
            "0-6 rating and hallucination rate; --data response_template.json with images/ beside it) or refomb (a judge " +
            "compares --policy with --against: win rates with 95 % Wilson intervals; --data the items file). Responses are " +
            "cached by policy digest, so a judge can be rerun without sampling.",
            Usage);
        var config = new ConfigOptions(verb, ConfigOverride.None);
        var benchmark = CliOption.OneOf("--benchmark", "the benchmark", [.. Names.Keys]);
        benchmark.Required = true;
        var data = CliOption.Text("--data", "PATH", "the benchmark's files (see above)");
        data.Required = true;
        var policy = CliOption.Text("--policy", "DIR", "the policy checkpoint folder (Hugging Face LLaVA layout)");
        policy.Required = true;
        var against = CliOption.Text("--against", "DIR", "refomb: the policy compared with (policy B)");
        var coco = CliOption.Text("--coco", "DIR", "object-halbench: COCO 2014's annotations folder (default: annotations beside --data)");
        var json = new System.CommandLine.Option<bool>("--json") { Description = "print one JSON object instead of a line" };
        foreach (var option in new System.CommandLine.Option[] { benchmark, data, policy, against, coco, json }) verb.Options.Add(option);
        verb.SetHandler(services, global, run => RunAsync(
            config.Bind(run.Parse).LoadOptions(configOptional: true),
            new EvalRequest(Names[run.Get(benchmark)!], Path.GetFullPath(run.Get(data)!), run.Get(coco) is { } c ? Path.GetFullPath(c) : null, Path.GetFullPath(run.Get(policy)!), run.Get(against) is { } a ? Path.GetFullPath(a) : null),
            run.Get(json),
            run));
        return verb;
    }

    /// <summary>Runs the verb with validated options.</summary>
    public static async Task<int> RunAsync(PipelineOptions options, EvalRequest request, bool json, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        if (!Path.Exists(request.Data)) throw new UsageException($"--data = '{request.Data}': no such file or folder");
        if (!Directory.Exists(request.Policy)) throw new UsageException($"--policy = '{request.Policy}': no such folder");
        if (request.Benchmark == Benchmark.Refomb && (request.Against is null || !Directory.Exists(request.Against)))
        {
            throw new UsageException($"--against = '{request.Against}': refomb compares two policies; name the second checkpoint folder");
        }
        if (request.Benchmark is Benchmark.Mmhal or Benchmark.Refomb && options.Models.Llm.Backend == ModelBackend.None)
        {
            throw new ConfigException($"models.llm.backend = none: {Names.First(n => n.Value == request.Benchmark).Key} is scored by a judge model; configure models.llm");
        }

        var loaded = new List<IDisposable>();
        try
        {
            var job = new EvalJob(
                options.Eval,
                new GenerationSettings { Temperature = 0, MaxNewTokens = options.Sampling.MaxNewTokens },
                Math.Max(1, options.Models.Policy.BatchSize),
                folder => Load(ModelFactory.ToBackendOptions(options.Models.Policy, folder), loaded).CreatePolicySampler(),
                () => ModelFactory.TextGenerator(options.Models.Llm, "models.llm", loaded, run.Loggers),
                run.Progress.Report);
            var result = await job.RunAsync(request, run.Stop);
            run.Progress.Complete();
            await run.Out.WriteLineAsync(json ? result.ToJson() : result.ToText());
            return ExitCodes.Ok;
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message, e);
        }
        finally
        {
            foreach (var backend in loaded) backend.Dispose();
        }
    }

    private static LlavaBackend Load(BackendOptions backend, List<IDisposable> loaded)
    {
        var model = LlavaBackend.Load(backend);
        loaded.Add(model);
        return model;
    }
}
