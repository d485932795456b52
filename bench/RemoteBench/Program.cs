using System.Diagnostics;
using RlaifV.Models;
using RlaifV.Remote;
using RlaifV.Serving;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;
using RlaifV.World;
using RlaifV.World.Experiments;

// Usage: dotnet run -c Release --project bench/RemoteBench [-- prompts [batch-window-ms [in-flight,...]]]
// The world's shipped policy and labeler run one round's prompts through the generation graph (the main job's stage
// settings, n = 10), first in-process, then behind two rlaifv serve servers (Kestrel, loopback HTTP, in this process) with
// the remote backends at 1, 4, 16 and 160 requests in flight. Each row: prompts/s, the median of 3 runs after a warm-up.
var prompts = args.Length > 0 ? int.Parse(args[0]) : 32;
var windowMs = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 25;
var inFlight = args.Length > 2 ? args[2].Split(',').Select(int.Parse).ToArray() : [1, 4, 16, 160];
var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "RlaifV.sln"))) root = Path.GetDirectoryName(root)!;
string Weights(string m) => Path.Combine(root, "src", "World", "Weights", m);

var stages = new StageOptions
{
    Run = new RunContext { Round = 0, GlobalSeed = 20240527 },
    Sampling = new SamplingOptions { N = 10, Temperature = 0.7, MaxNewTokens = 96, Batch = new BatchingOptions { Size = 16, FlushMs = 100, Capacity = 16 } },
    Claims = new ClaimsOptions { Batch = new BatchingOptions { Size = 32, FlushMs = 100, Capacity = 128 } },
    Questions = new QuestionsOptions { Batch = new BatchingOptions { Size = 32, FlushMs = 100, Capacity = 128 } },
    Labeler = new LabelerOptions { Batch = new BatchingOptions { Size = 40, FlushMs = 100, Capacity = 128 } },
};

async Task<double> RoundAsync(IPolicySampler policy, IYesNoLabeler labeler, int count)
{
    var models = new ModelSet(policy, new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), labeler, new RlaifV.Models.SkiaImageDecoder());
    var metrics = new PipelineMetrics();
    var accounting = new PromptAccounting(metrics);
    var sink = new MemoryResultSink();
    var deadLetters = new MemoryDeadLetterSink();
    using var abort = new CancellationTokenSource();
    var topology = Topology.Build(stages, models, sink, new DeadLetters(deadLetters, metrics), accounting, metrics, abort.Token);
    var clock = Stopwatch.StartNew();
    await PipelineRunner.RunAsync(new WorldRounds(new WorldOptions(), count, 96).Open(0), topology, accounting, abort, CancellationToken.None);
    if (sink.Results.Count != count || deadLetters.Letters.Count > 0) throw new InvalidOperationException($"{sink.Results.Count} of {count} prompts, {deadLetters.Letters.Count} dead letters");
    return count / clock.Elapsed.TotalSeconds;
}

async Task<double> MedianAsync(Func<int, Task<double>> run)
{
    await run(Math.Max(8, prompts / 4)); // warm-up
    var rates = new List<double>();
    for (var i = 0; i < 3; i++) rates.Add(await run(prompts));
    return rates.Order().ElementAt(1);
}

Console.WriteLine($"RemoteBench: {prompts} world prompts x n = 10, policy and labeler of src/World/Weights, servers' batch window {windowMs} ms, {Environment.ProcessorCount} cores");
double inProcess;
using (var policy = LlavaBackend.Load(new BackendOptions { Path = Weights("policy"), BatchSize = 160 }))
using (var labeler = LlavaBackend.Load(new BackendOptions { Path = Weights("labeler"), BatchSize = 128 }))
{
    inProcess = await MedianAsync(n => RoundAsync(policy.CreatePolicySampler(), labeler.CreateYesNoLabeler(), n));
}

var rows = new List<(string Name, double Rate)> { ("in-process (batch 160 / 128 rows)", inProcess) };
await using (var policyServer = await ModelServer.StartAsync(new ServeOptions { Model = new BackendOptions { Path = Weights("policy") }, Port = 0, MaxBatchRows = 160, BatchWindowMs = windowMs }))
await using (var labelerServer = await ModelServer.StartAsync(new ServeOptions { Model = new BackendOptions { Path = Weights("labeler") }, Port = 0, MaxBatchRows = 128, BatchWindowMs = windowMs }))
{
    foreach (var concurrency in inFlight)
    {
        var metrics = new BackendMetrics();
        using var policyClient = new ChatCompletionsClient(new RemoteOptions { BaseUrl = policyServer.BaseUrl, Model = "policy", MaxConcurrency = concurrency }, BackendRole.Policy, metrics);
        using var labelerClient = new ChatCompletionsClient(new RemoteOptions { BaseUrl = labelerServer.BaseUrl, Model = "labeler", MaxConcurrency = concurrency }, BackendRole.Labeler, metrics);
        var rate = await MedianAsync(n => RoundAsync(new RemotePolicySampler(policyClient, 0), new RemoteYesNoLabeler(labelerClient), n));
        rows.Add(($"remote over loopback, {concurrency} requests in flight", rate));
    }
}

Console.WriteLine();
Console.WriteLine("| backends | prompts/s | vs in-process |");
Console.WriteLine("|---|---:|---:|");
foreach (var (name, rate) in rows) Console.WriteLine($"| {name} | {rate:F2} | {rate / inProcess:F2} |");
var best = rows.Skip(1).MaxBy(r => r.Rate);
Console.WriteLine();
Console.WriteLine($"best remote / in-process: {best.Rate / inProcess:F2} (target >= 0.8: {(best.Rate / inProcess >= 0.8 ? "met" : "NOT met")}) with {best.Name}");
return 0;
