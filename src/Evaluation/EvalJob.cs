using RlaifV.Stages.Ports;

namespace RlaifV.Evaluation;

/// <summary>
/// <c>rlaifv eval</c>: reads a benchmark's files, gets the policy's responses (from the cache, or generated greedily
/// through the policy port and cached), and scores them: by rule (Object HalBench, AMBER) or by the judge port (MMHal-Bench,
/// the pairwise comparison).
/// </summary>
/// <param name="options">The <c>eval</c> settings.</param>
/// <param name="generation">The policy's decoding (greedy, with its token budget).</param>
/// <param name="batchSize">Prompts per policy call.</param>
/// <param name="policyAt">Loads the policy of a checkpoint folder (called only when responses are missing from the cache).</param>
/// <param name="judge">Builds the judge (called only for the judged benchmarks).</param>
/// <param name="progress">Progress lines.</param>
public sealed class EvalJob(JudgeOptions options, GenerationSettings generation, int batchSize, Func<string, IPolicySampler> policyAt, Func<ITextGenerator> judge, Action<string>? progress = null)
{
    /// <summary>Runs <paramref name="request"/>.</summary>
    public async Task<EvalResult> RunAsync(EvalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cache = new ResponseCache(options.CacheDir);
        string digest = PolicyDigest.Of(request.Policy);
        int generated = 0;
        async Task<IReadOnlyDictionary<string, string>> Responses(string policy, string policyDigest, IReadOnlyList<BenchmarkItem> items)
        {
            string benchmark = Schemas.EnumNames.Of(request.Benchmark);
            int before = ResponseCache.Read(cache.FileOf(policyDigest, benchmark, generation)).Keys.Count(k => items.Any(i => i.Id == k));
            generated += items.Count - before;
            IPolicySampler? sampler = null;
            return await cache.GetOrGenerateAsync(policyDigest, benchmark, items, new LazyPolicy(() => sampler ??= policyAt(policy)), generation, batchSize, options.Seed,
                (done, total) => progress?.Invoke($"{benchmark}: {done}/{total} responses of {policy}"), cancellationToken).ConfigureAwait(false);
        }

        switch (request.Benchmark)
        {
            case Benchmark.ObjectHalbench:
            {
                var bench = ObjectHalBench.Load(request.Data, request.Coco ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.Data))!, "annotations"));
                var responses = await Responses(request.Policy, digest, bench.Items).ConfigureAwait(false);
                return new EvalResult(request.Benchmark, request.Policy, digest, null, bench.Items.Count, generated, bench.Score(responses));
            }
            case Benchmark.Amber:
            {
                var bench = Amber.Load(request.Data);
                var responses = await Responses(request.Policy, digest, bench.Items).ConfigureAwait(false);
                return new EvalResult(request.Benchmark, request.Policy, digest, null, bench.Items.Count, generated, bench.Score(responses));
            }
            case Benchmark.Mmhal:
            {
                var bench = MmHal.Load(request.Data);
                var responses = await Responses(request.Policy, digest, bench.Items).ConfigureAwait(false);
                progress?.Invoke($"mmhal: judging {responses.Count} answers");
                var metrics = await bench.JudgeAsync(responses, judge(), options, cancellationToken).ConfigureAwait(false);
                return new EvalResult(request.Benchmark, request.Policy, digest, null, bench.Items.Count, generated, metrics);
            }
            case Benchmark.Refomb:
            {
                string against = request.Against ?? throw new ArgumentException("the pairwise comparison needs a second policy (--against DIR)", nameof(request));
                var bench = Refomb.Load(request.Data);
                var a = await Responses(request.Policy, digest, bench.Items).ConfigureAwait(false);
                var b = await Responses(against, PolicyDigest.Of(against), bench.Items).ConfigureAwait(false);
                progress?.Invoke($"refomb: judging {a.Count} pairs");
                var metrics = await bench.JudgeAsync(a, b, judge(), options, cancellationToken).ConfigureAwait(false);
                return new EvalResult(request.Benchmark, request.Policy, digest, against, bench.Items.Count, generated, metrics);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Benchmark, "unknown benchmark");
        }
    }

    /// <summary>Loads the policy on its first call, so a fully cached benchmark loads no model.</summary>
    private sealed class LazyPolicy(Func<IPolicySampler> load) : IPolicySampler
    {
        public string ModelId => load().ModelId;

        public Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken) =>
            load().SampleAsync(batch, settings, cancellationToken);
    }
}
