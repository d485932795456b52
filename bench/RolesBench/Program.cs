using System.Diagnostics;
using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Kafka.Embedded;
using RlaifV.Orchestration;
using RlaifV.Runtime.Cli;
using RlaifV.Schemas.Control;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

// RolesBench: throughput of one against two `rlaifv generate --follow` processes on the same round, with model doubles
// of fixed latency (the policy sleeps per call, so the processes do not compete for the 2 cores), and the generators'
// hand-over time when a round changes: from "round started" on the control topic to the round's first pair.
//   dotnet run -c Release --project bench/RolesBench [-- PROMPTS [POLICY_MS]]     (defaults 480 prompts, 150 ms)
// This process is the broker (librdkafka's mock cluster) and the coordinator; `child ...` runs the rlaifv command line
// with the doubles (what the bench starts as generator processes).
if (args.Length > 0 && args[0] == "child")
{
    var delay = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("ROLESBENCH_POLICY_MS") ?? "100", CultureInfo.InvariantCulture));
    return await CommandLine.RunAsync(args[1..], Console.Out, Console.Error,
        _ => new ModelSet(new ShapesPolicy(delay), new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), new ColourLabeler(), new RlaifV.Models.SkiaImageDecoder()));
}

int prompts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 480;
int policyMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 150;
var dir = Directory.CreateTempSubdirectory("rlaifv-rolesbench-");
using var cluster = EmbeddedKafkaCluster.Start(1, initialRebalanceDelayMs: 1_000);
var kafkaOptions = new KafkaOptions { BootstrapServers = cluster.BootstrapServers, Partitions = 6, SessionTimeoutMs = 6_000, CommitIntervalMs = 200 };
using var kafka = KafkaEnvironment.Attach(kafkaOptions, cluster);
const int Rounds = 4;
await kafka.EnsureRunTopicsAsync(Rounds);
var config = Path.Combine(dir.FullName, "pipeline.yaml");
File.WriteAllText(config, $$"""
    run: { rounds: {{Rounds}}, global_seed: 7 }
    ingest: { capacity: 16 }
    sampling: { n: 4, batch: { size: 4, flush_ms: 5, capacity: 8 } }
    claims: { batch: { size: 32, flush_ms: 5 } }
    questions: { batch: { size: 32, flush_ms: 5 } }
    labeler: { batch: { size: 32, flush_ms: 5 } }
    output: { dir: "{{dir.FullName}}/out", parquet: false }
    metrics: { enabled: false }
    kafka: { bootstrap_servers: "{{cluster.BootstrapServers}}", partitions: 6, session_timeout_ms: 6000, commit_interval_ms: 200 }
    """);
Console.WriteLine($"RolesBench: {prompts} prompts per round, policy double {policyMs} ms per call (4 candidates per call), 6 partitions, broker in this process");

var children = new List<Process>();
try
{
    // Each setting gets a warm-up round first (a fresh process's first round pays for JIT and its first group join).
    children.Add(await StartGeneratorAsync());
    await RoundAsync(0);
    var one = await RoundAsync(1);
    children.Add(await StartGeneratorAsync());
    await RoundAsync(2);
    var two = await RoundAsync(3);
    Console.WriteLine();
    Console.WriteLine("| | round seconds | prompts/s (whole round) | prompts/s (after the first pair) |");
    Console.WriteLine("|---|---:|---:|---:|");
    Console.WriteLine($"| 1 generator process, round 1 | {one.Seconds:F1} | {prompts / one.Seconds:F1} | {prompts / (one.Seconds - one.FirstPair):F1} |");
    Console.WriteLine($"| 2 generator processes, round 3 | {two.Seconds:F1} | {prompts / two.Seconds:F1} | {prompts / (two.Seconds - two.FirstPair):F1} |");
    Console.WriteLine();
    Console.WriteLine($"throughput ratio 2 : 1 = {(one.Seconds - one.FirstPair) / (two.Seconds - two.FirstPair):F2} after the first pair (target >= 1.8); " +
        $"{one.Seconds / two.Seconds:F2} over the whole round, hand-over included");
    Console.WriteLine($"hand-over (round started -> the round's first pair, generators idle on the control topic): 1 generator {one.FirstPair:F2} s, 2 generators {two.FirstPair:F2} s " +
        $"(includes the broker's 1 s initial rebalance delay for a new group and one policy call of {policyMs} ms)");
    return 0;
}
finally
{
    foreach (var child in children)
    {
        if (!child.HasExited) child.Kill();
        child.Dispose();
    }
    dir.Delete(recursive: true);
}

// Starts a generator process and waits until it follows the control topic (its start-up is not the round's time).
async Task<Process> StartGeneratorAsync()
{
    var ready = new TaskCompletionSource();
    var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
    info.ArgumentList.Add(typeof(RunJob).Assembly.Location.Replace("RlaifV.Orchestration.dll", "RlaifV.RolesBench.dll", StringComparison.Ordinal));
    foreach (var a in new[] { "child", "generate", "--follow", "--config", config }) info.ArgumentList.Add(a);
    info.Environment["ROLESBENCH_POLICY_MS"] = policyMs.ToString(CultureInfo.InvariantCulture);
    var p = Process.Start(info)!;
    p.OutputDataReceived += (_, _) => { };
    p.ErrorDataReceived += (_, e) =>
    {
        if (e.Data?.StartsWith("generator: kafka", StringComparison.Ordinal) == true) ready.TrySetResult();
    };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
    await Task.Delay(TimeSpan.FromSeconds(1)); // its control-topic reader has read the topic
    return p;
}

// Puts a round's prompts on the topic, records it started, and times it until the round's group has committed the
// range's end on every partition (what the coordinator waits for); also when its first pair appeared.
async Task<(double Seconds, double FirstPair)> RoundAsync(int round)
{
    var start = kafka.GetEndOffsets(kafka.Topics.Prompts);
    using (var producer = kafka.CreateProducer())
    {
        await Task.WhenAll(Enumerable.Range(0, prompts).Select(i => producer.ProducePromptAsync(Items.Prompt($"r{round}-p{i:D5}"))));
        producer.Flush(TimeSpan.FromSeconds(30));
    }
    var end = kafka.GetEndOffsets(kafka.Topics.Prompts);
    var policy = PolicyIdentity.OfModel("shapes-policy");
    using (var producer = kafka.CreateProducer())
    {
        await producer.ProduceControlAsync(new RoundStarted
        {
            Round = round, PolicyUri = policy.Uri, PolicySha256 = policy.Sha256, PromptTopic = kafka.Topics.Prompts,
            PromptStartOffsets = start, PromptEndOffsets = end, At = DateTimeOffset.UtcNow,
        });
        producer.Flush(TimeSpan.FromSeconds(30));
    }
    var clock = Stopwatch.StartNew();
    double? firstPair = null;
    using var offsets = kafka.CreateGroupOffsets(KafkaGenerationJob.GroupOf(kafka.Topics, round));
    while (true)
    {
        if (firstPair is null && kafka.GetEndOffsets(kafka.Topics.Pairs(round)).Sum(e => e.Offset) > 0) firstPair = clock.Elapsed.TotalSeconds;
        var committed = offsets.Committed(kafka.Topics.Prompts, end.Select(e => e.Partition), CancellationToken.None);
        if (end.All(e => committed.GetValueOrDefault(e.Partition, -1) >= e.Offset)) break;
        if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"round {round} did not finish in 10 minutes");
        if (children.Any(c => c.HasExited)) throw new InvalidOperationException("a generator process exited");
        await Task.Delay(50);
    }
    var seconds = clock.Elapsed.TotalSeconds;
    using (var producer = kafka.CreateProducer())
    {
        var pairsTopic = kafka.Topics.Pairs(round);
        var pairEnds = kafka.GetEndOffsets(pairsTopic);
        await producer.ProduceControlAsync(new RoundGenerationComplete
        {
            Round = round, PairsTopic = pairsTopic, PairCount = KafkaGenerationJob.CountDistinct(kafka, pairsTopic, pairEnds, CancellationToken.None),
            EndOffsets = pairEnds, At = DateTimeOffset.UtcNow,
        });
        producer.Flush(TimeSpan.FromSeconds(30));
    }
    Console.WriteLine($"round {round}: {prompts} prompts done in {seconds:F1} s (first pair after {firstPair ?? seconds:F2} s)");
    return (seconds, firstPair ?? seconds);
}
