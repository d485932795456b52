using System.Diagnostics;
using RlaifV.Orchestration;
using RlaifV.PipelineBench;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

// Usage: dotnet run -c Release --project bench/PipelineBench [-- prompts [--no-memory | --memory LARGE]]
//        (internal) memory N  — runs N prompts through the graph and prints the peak resident set.
if (args.Length >= 2 && args[0] == "memory") return await MemoryChild(int.Parse(args[1]), args.Length > 2 && args[2] == "warm");
var prompts = args.Length > 0 ? int.Parse(args[0]) : 1000;
const int N = 10;

// Synthetic per-call and per-item costs (milliseconds), a GPU-like shape: a fixed launch cost plus a
// per-row cost. The labeler is the slowest stage by design.
var costs = new Dictionary<string, (double Call, double Item)>
{
    ["sample"] = (8, 0.40),   // per candidate row
    ["extract"] = (4, 0.20),  // per candidate
    ["rewrite"] = (4, 0.08),  // per claim
    ["verify"] = (6, 0.32),   // per question
};

StageOptions Options() => new()
{
    Run = new RunContext { Round = 0, GlobalSeed = 1 },
    Sampling = new SamplingOptions { N = N, Batch = new BatchingOptions { Size = 8, FlushMs = 20, Capacity = 32, Parallelism = 2 } },
    Claims = new ClaimsOptions { Batch = new BatchingOptions { Size = 64, FlushMs = 20, Capacity = 256, Parallelism = 2 } },
    Questions = new QuestionsOptions { Batch = new BatchingOptions { Size = 64, FlushMs = 20, Capacity = 256, Parallelism = 2 } },
    Labeler = new LabelerOptions { Batch = new BatchingOptions { Size = 64, FlushMs = 20, Capacity = 256, Parallelism = 2 } },
};
ModelSet Models() => new(
    new CostlyModels.Policy(costs["sample"].Call, costs["sample"].Item),
    new CostlyModels.Extractor(costs["extract"].Call, costs["extract"].Item),
    new CostlyModels.Rewriter(costs["rewrite"].Call, costs["rewrite"].Item),
    new CostlyModels.Labeler(costs["verify"].Call, costs["verify"].Item),
    new RlaifV.Models.SkiaImageDecoder());

var tmp = Path.Combine(Path.GetTempPath(), "rlaifv-bench-" + Guid.NewGuid().ToString("N")[..8]);
var options = Options();
var models = Models();
var ids = Enumerable.Range(0, prompts).Select(i => $"p{i}").ToList();

// 1. Each stage alone, over the whole batch, in the same batch sizes: its own rate, and the sequential time.
var texts = ids.SelectMany(id => Enumerable.Range(0, N).Select(i => (id, text: ShapesPolicy.TextFor(Seeds.ForCandidate(1, 0, id, i))))).ToList();
var claims = texts.Select(t => RuleBasedClaimExtractor.Extract(t.text)).ToList();
var allClaims = claims.SelectMany(c => c).ToList();
var image = new RlaifV.Stages.Ports.ImageInput("x", Items.Image);
var settings = new RlaifV.Stages.Ports.GenerationSettings();
async Task<double> Alone(Func<int, int, Task> call, int total, int batch, int parallel)
{
    var sw = Stopwatch.StartNew();
    var chunks = Enumerable.Range(0, (total + batch - 1) / batch).Select(k => (Start: k * batch, Count: Math.Min(batch, total - k * batch))).ToList();
    await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (c, _) => await call(c.Start, c.Count));
    return sw.Elapsed.TotalSeconds;
}
var stageSeconds = new Dictionary<string, double>
{
    ["sample"] = await Alone((s, c) => models.Policy.SampleAsync(Enumerable.Range(0, c * N).Select(i => new RlaifV.Stages.Ports.SamplingRequest(image, "Describe.", s + i)).ToList(), settings, CancellationToken.None), prompts, 8, 2),
    ["extract"] = await Alone((s, c) => models.Extractor.ExtractAsync(texts.Skip(s).Take(c).Select(t => new RlaifV.Stages.Ports.ClaimRequest("q", t.text, 0)).ToList(), CancellationToken.None), texts.Count, 64, 2),
    ["rewrite"] = await Alone((s, c) => models.Rewriter.RewriteAsync(claims.Skip(s).Take(c).Select(x => new RlaifV.Stages.Ports.RewriteRequest(x, 0)).ToList(), CancellationToken.None), claims.Count, 64, 2),
    ["verify"] = await Alone((s, c) => models.Labeler.ProbeAsync(claims.Skip(s).Take(c).SelectMany(x => x).Select(q => new RlaifV.Stages.Ports.YesNoRequest(image, q)).ToList(), CancellationToken.None), claims.Count, 64, 2),
};
var sequential = stageSeconds.Values.Sum();
var slowest = stageSeconds.MaxBy(p => p.Value);

// 2. The whole graph.
var sw = Stopwatch.StartNew();
var summary = await GenerationJob.RunAsync(options, new OutputOptions { Dir = tmp }, Models(), new ListSource(ids.Select((id, i) => Items.Ingest(id, i)).ToList()), new PipelineMetrics(), null, CancellationToken.None);
var pipelined = sw.Elapsed.TotalSeconds;
Directory.Delete(tmp, true);

var throughput = prompts / pipelined;
var slowestRate = prompts / slowest.Value;
Console.WriteLine($"Pipeline benchmark: {prompts} prompts x n={N}, {summary.Pairs} pairs, synthetic stage costs (ms per call + per item): " +
    string.Join(", ", costs.Select(c => $"{c.Key} {c.Value.Call}+{c.Value.Item}")));
Console.WriteLine();
Console.WriteLine("| stage | alone (s) | prompts/s alone |");
Console.WriteLine("|---|---|---|");
foreach (var (stage, s) in stageSeconds) Console.WriteLine($"| {stage} | {s:F2} | {prompts / s:F0} |");
Console.WriteLine();
Console.WriteLine("| measure | value | target |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| graph throughput (prompts/s) | {throughput:F0} | |");
Console.WriteLine($"| throughput / slowest stage's own rate ({slowest.Key}) | {throughput / slowestRate:F2} | >= 0.90 |");
Console.WriteLine($"| speed-up over stages one after another | {sequential / pipelined:F2}x | >= {0.9 * sequential / slowest.Value:F2}x (0.9 x sum/max = 0.9 x {sequential / slowest.Value:F2}) |");

// 3. Memory: 100k versus 1M prompts through the model doubles, each in a fresh child process (peak resident set,
// VmHWM): what a service that never ends needs must not grow with the prompts it has seen (the duplicate-id window,
// the ledgers and the Parquet writer's pools are all bounded).
var self = Environment.ProcessPath!;
var dll = typeof(ListSource).Assembly.Location;
long Child(int n, bool warm)
{
    var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(dll);
    psi.ArgumentList.Add("memory");
    psi.ArgumentList.Add(n.ToString());
    if (warm) psi.ArgumentList.Add("warm");
    using var p = Process.Start(psi)!;
    var output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    return long.Parse(output.Trim().Split('\n')[^1]);
}
if (args.Length > 1 && args[1] == "--no-memory") return 0;
var (smallCount, largeCount) = args.Length > 2 && args[1] == "--memory" ? (int.Parse(args[2]) / 10, int.Parse(args[2])) : (100_000, 1_000_000);
// Warm: each process first runs the same 10k-prompt warm-up, then the peak is reset (/proc/self/clear_refs) so the figure
// is what the workload itself needs, not the JIT's one-time tier-1 recompilation or the runtime's other one-time growth.
var memorySw = Stopwatch.StartNew();
var small = Child(smallCount, warm: true);
var large = Child(largeCount, warm: true);
Console.WriteLine($"| peak memory {smallCount / 1000}k prompts, after warm-up (MiB) | {small / 1048576.0:F0} | |");
Console.WriteLine($"| peak memory {largeCount / 1000}k prompts, after warm-up (MiB) | {large / 1048576.0:F0} | |");
Console.WriteLine($"| ratio {largeCount / 1000}k / {smallCount / 1000}k | {(double)large / small:F2} | <= 1.30 |");
Console.Error.WriteLine($"memory runs took {memorySw.Elapsed.TotalSeconds:F0} s");
return 0;

static async Task<int> MemoryChild(int n, bool warm)
{
    if (warm)
    {
        await RunGenerated(10_000);
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM to the current resident set
    }
    await RunGenerated(n);
    Console.Error.WriteLine($"retained after full GC: {GC.GetTotalMemory(true) / 1048576.0:F1} MiB; pool threads: {ThreadPool.ThreadCount}");
    var hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    Console.WriteLine(long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024);
    return 0;
}

static async Task RunGenerated(int n)
{
    var tmp = Path.Combine(Path.GetTempPath(), "rlaifv-bench-mem-" + Guid.NewGuid().ToString("N")[..8]);
    var options = new StageOptions { Sampling = new SamplingOptions { N = 4 } };
    var models = new ModelSet(new ShapesPolicy(), new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), new ColourLabeler(), new RlaifV.Models.SkiaImageDecoder());
    var source = new GeneratedSource(n);
    await GenerationJob.RunAsync(options, new OutputOptions { Dir = tmp }, models, source, new PipelineMetrics(), null, CancellationToken.None);
    Directory.Delete(tmp, true);
}
