using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using RlaifV.Kafka;
using RlaifV.Schemas;
using RlaifV.Schemas.Arrow;
using RlaifV.Schemas.Control;

// Usage: dotnet run -c Release --project bench/KafkaBench -- [pairs=40000] [text-bytes=1000] [round-pairs=8000] [pairs-per-prompt=2]
// A pair carries text-bytes of chosen and of rejected text (1000 -> a "2 KB pair"). The generator writes
// each pair as a message of its own (the trainer reads the pairs topic message by message); the same
// pairs are also produced as a prompt's batch of pairs-per-prompt (pairing.pairs_per_prompt, default 2)
// per message, as candidates and verdicts travel, for comparison.
const double Target = 20_000;
var numbers = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var pairCount = numbers.Length > 0 ? numbers[0] : 40_000;
var textBytes = numbers.Length > 1 ? numbers[1] : 1_000;
var roundPairs = numbers.Length > 2 ? numbers[2] : 8_000;
var perPrompt = numbers.Length > 3 ? numbers[3] : 2;

const int Repeats = 3;
var options = new KafkaOptions { Partitions = 12, LingerMs = 5 };
using var env = KafkaEnvironment.Open(options);
var produceTopic = env.Topics.Pairs(0);
var rawTopic = env.Topics.Pairs(0, "raw");
var roundTopic = env.Topics.Pairs(1);
await env.EnsureTopicsAsync([produceTopic, rawTopic, env.Topics.Candidates(0), env.Topics.Verdicts(0)]);
// The embedded broker keeps about 5 MB per partition: give the round topic enough partitions to hold it all.
env.Embedded!.CreateTopic(roundTopic, 64);

var prompts = Enumerable.Range(0, (pairCount + perPrompt - 1) / perPrompt)
    .Select(i => Enumerable.Range(0, Math.Min(perPrompt, pairCount - i * perPrompt)).Select(k => MakePair($"prompt-{i:D7}", 0, k, textBytes)).ToList())
    .ToList();
var pairs = prompts.SelectMany(p => p).ToList();
var rows = new List<Row>();
var type = KafkaRecordTypes.PreferencePair;
var maxBatch = options.MaxBatchBytes;
var batchMessages = prompts.SelectMany(p => type.ToMessages(p, maxBatch)).ToList();
var batchBytes = batchMessages.Sum(m => (long)m.Value.Length);
var singleMessages = pairs.Select(type.ToMessage).ToList();
var singleBytes = singleMessages.Sum(m => (long)m.Value.Length);
// The generator's sink (KafkaResultSink) per prompt: its n = 10 candidates as one message, its 10 verdicts
// as one message, each of its pairs as a message, all awaited; Emit runs 64 prompts at once (1 before).
var sinkPrompts = prompts.Take(2_000).Select(p => (Candidates: MakeCandidates(p[0].PromptId, textBytes), Pairs: p)).ToList();
var sinkBytes = sinkPrompts.Sum(p =>
    p.Pairs.Sum(x => (long)type.ToMessage(x).Value.Length)
    + KafkaRecordTypes.Candidate.ToMessages(p.Candidates.Select(c => c.Candidate).ToList(), maxBatch).Sum(m => (long)m.Value.Length)
    + KafkaRecordTypes.ScoredCandidate.ToMessages(p.Candidates, maxBatch).Sum(m => (long)m.Value.Length));
var sinkPairs = sinkPrompts.Sum(p => p.Pairs.Count);
var sinkMessages = sinkPrompts.Sum(p => 2 + p.Pairs.Count);

using (var producer = env.CreateProducer())
{
    var failures = 0;
    void OnDelivery(DeliveryReport<string, byte[]> r)
    {
        if (r.Error.IsError) Interlocked.Increment(ref failures);
    }

    // Each operation: its name, how many pairs, messages and value bytes it moves, and the work.
    var operations = new List<(string Name, long Pairs, long Messages, long Bytes, Func<Task> Run)>
    {
        // The generator's path for pairs: one pair -> one Arrow IPC message.
        ("typed produce, 1 pair/message (encode+send)", pairCount, pairCount, singleBytes, () =>
        {
            foreach (var p in pairs) producer.Produce(produceTopic, type, p, OnDelivery);
            producer.Flush(TimeSpan.FromMinutes(5));
            return Task.CompletedTask;
        }),
        ("raw produce of the same bytes", pairCount, pairCount, singleBytes, () =>
        {
            foreach (var m in singleMessages) producer.Produce(rawTopic, m, OnDelivery);
            producer.Flush(TimeSpan.FromMinutes(5));
            return Task.CompletedTask;
        }),
        ($"typed produce, 1 pair/message, encode on {Environment.ProcessorCount} threads", pairCount, pairCount, singleBytes, () =>
        {
            Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
                producer.Produce(produceTopic, type, p, OnDelivery));
            producer.Flush(TimeSpan.FromMinutes(5));
            return Task.CompletedTask;
        }),
        ("ProducePairAsync, 1000 in flight", pairCount, pairCount, singleBytes, async () =>
        {
            using var inFlight = new SemaphoreSlim(1000);
            var sends = new List<Task>(pairs.Count);
            foreach (var p in pairs)
            {
                await inFlight.WaitAsync();
                sends.Add(SendAsync(p));
            }
            await Task.WhenAll(sends);

            async Task SendAsync(PreferencePair p)
            {
                try
                {
                    await producer.ProducePairAsync(p);
                }
                finally
                {
                    inFlight.Release();
                }
            }
        }),
        ("generator sink: a prompt's outputs awaited, 64 at once", sinkPairs, sinkMessages, sinkBytes, () => SinkAsync(64, sinkPrompts)),
        ("generator sink: a prompt's outputs awaited, 1 at a time", sinkPairs / 10, sinkMessages / 10, sinkBytes / 10, () => SinkAsync(1, sinkPrompts.Take(sinkPrompts.Count / 10).ToList())),
        // The alternative measured: a prompt's pairs as one record batch (as candidates and verdicts travel).
        ($"typed produce, {perPrompt} pairs/message (encode+send)", pairCount, batchMessages.Count, batchBytes, () =>
        {
            foreach (var p in prompts) producer.ProduceBatch(produceTopic, type, p, OnDelivery);
            producer.Flush(TimeSpan.FromMinutes(5));
            return Task.CompletedTask;
        }),
        ("raw produce of the same bytes", pairCount, batchMessages.Count, batchBytes, () =>
        {
            foreach (var m in batchMessages) producer.Produce(rawTopic, m, OnDelivery);
            producer.Flush(TimeSpan.FromMinutes(5));
            return Task.CompletedTask;
        }),
        ("Arrow IPC encode only, 1 pair/message", pairCount, pairCount, singleBytes, () =>
        {
            foreach (var p in pairs) _ = ArrowIpc.Encode(PreferencePair.Layout, p);
            return Task.CompletedTask;
        }),
        ($"Arrow IPC encode only, {perPrompt} pairs/message", pairCount, batchMessages.Count, batchBytes, () =>
        {
            foreach (var p in prompts) _ = ArrowIpc.Encode(PreferencePair.Layout, p);
            return Task.CompletedTask;
        }),
    };

    async Task SinkAsync(int atOnce, List<(List<ScoredCandidate> Candidates, List<PreferencePair> Pairs)> work)
    {
        using var gate = new SemaphoreSlim(atOnce);
        var writes = new List<Task>(work.Count);
        foreach (var (candidates, promptPairs) in work)
        {
            await gate.WaitAsync();
            writes.Add(WriteAsync(candidates, promptPairs));
        }
        await Task.WhenAll(writes);

        async Task WriteAsync(List<ScoredCandidate> candidates, List<PreferencePair> promptPairs)
        {
            try
            {
                var outputs = new List<Task>
                {
                    producer.ProduceBatchAsync(env.Topics.Candidates(0), KafkaRecordTypes.Candidate, candidates.Select(c => c.Candidate).ToList()),
                    producer.ProduceBatchAsync(env.Topics.Verdicts(0), KafkaRecordTypes.ScoredCandidate, candidates),
                };
                outputs.AddRange(promptPairs.Select(p => producer.ProducePairAsync(p)));
                await Task.WhenAll(outputs);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    // One untimed pass warms up the JIT, the connections and the broker's partitions; then every
    // operation runs Repeats times, round-robin so that load from elsewhere spreads over all of them,
    // and the median time counts.
    foreach (var o in operations) await o.Run();
    var times = operations.Select(_ => new List<double>()).ToList();
    for (var r = 0; r < Repeats; r++)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            var sw = Stopwatch.StartNew();
            await operations[i].Run();
            times[i].Add(sw.Elapsed.TotalSeconds);
        }
    }
    for (var i = 0; i < operations.Count; i++)
        rows.Add(new(operations[i].Name, operations[i].Pairs, operations[i].Messages, times[i].Order().ElementAt(Repeats / 2), operations[i].Bytes));

    if (failures > 0) Console.Error.WriteLine($"{failures} deliveries failed");

    // A round: its pairs as the generator writes them, then the end offsets a RoundGenerationComplete would record.
    foreach (var p in pairs.Take(roundPairs)) producer.Produce(roundTopic, type, p with { Round = 1 }, OnDelivery);
    producer.Flush(TimeSpan.FromMinutes(5));
}

var end = env.GetEndOffsets(roundTopic);
var reader = env.CreateReader();
var complete = new RoundGenerationComplete { Round = 1, PairsTopic = roundTopic, PairCount = roundPairs, EndOffsets = end, At = DateTimeOffset.UtcNow };
long rawBytes = 0;
long rawRows = 0;
long rawMessages = 0;
void ReadRaw()
{
    (rawBytes, rawRows, rawMessages) = (0, 0, 0);
    foreach (var m in reader.ReadRaw(roundTopic, end))
    {
        rawBytes += m.Message.Value.Length;
        rawRows += int.Parse(MessageHeaders.GetString(m.Message.Headers, MessageHeaders.Rows) ?? "1", CultureInfo.InvariantCulture);
        rawMessages++;
    }
}
var stats = new BoundedReadStats();
var decoded = 0;
void ReadDecoded()
{
    stats = new BoundedReadStats();
    decoded = reader.ReadRoundPairs(complete, stats).Count();
}
// The same warm-up and medians as above; every read starts a fresh consumer, as a trainer's would.
ReadRaw();
ReadDecoded();
var rawTimes = new List<double>();
var decodedTimes = new List<double>();
for (var r = 0; r < Repeats; r++)
{
    var sw = Stopwatch.StartNew();
    ReadRaw();
    rawTimes.Add(sw.Elapsed.TotalSeconds);
    sw.Restart();
    ReadDecoded();
    decodedTimes.Add(sw.Elapsed.TotalSeconds);
}
rows.Add(new("bounded read of a round, raw (fresh consumer)", rawRows, rawMessages, rawTimes.Order().ElementAt(Repeats / 2), rawBytes));
rows.Add(new("ReadRoundPairs: decoded + deduped", decoded, stats.Messages, decodedTimes.Order().ElementAt(Repeats / 2), rawBytes));

var singlePair = (double)singleBytes / pairCount;
var batchPair = (double)batchBytes / pairCount;
Console.WriteLine($"Kafka transport on the embedded broker ({Environment.ProcessorCount} cores); a pair = {2 * textBytes} bytes of response text;");
Console.WriteLine($"Arrow IPC per pair: {singlePair:F0} bytes at 1 pair/message (the generator's pairs), {batchPair:F0} bytes at {perPrompt} pairs/message;");
Console.WriteLine($"every row: the median of {Repeats} runs after one warm-up pass (produce and encode rows round-robin)");
Console.WriteLine();
Console.WriteLine($"| {"operation",-56} | {"pairs",6} | {"messages",8} | {"seconds",7} | {"pairs/s",8} | {"MB/s",6} |");
Console.WriteLine($"|{new string('-', 58)}|{new string('-', 8)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 10)}|{new string('-', 8)}|");
foreach (var r in rows)
    Console.WriteLine($"| {r.Name,-56} | {r.Pairs,6} | {r.Messages,8} | {r.Seconds,7:F2} | {r.PairsPerSecond,8:F0} | {r.Bytes / r.Seconds / 1e6,6:F1} |");
Console.WriteLine();
Report("typed produce, 1 pair/message", rows[0], rows[1]);
Report($"typed produce, {perPrompt} pairs/message (not used for pairs)", rows[6], rows[7]);
Console.WriteLine($"generator sink (a prompt = 10 candidates in 1 message + 10 verdicts in 1 + {perPrompt} pair messages, awaited): {rows[4].Pairs / perPrompt / rows[4].Seconds:F0} prompts/s, {rows[4].PairsPerSecond:F0} pairs/s, {rows[4].Bytes / rows[4].Seconds / 1e6:F1} MB/s with 64 prompts at once; {rows[5].Pairs / perPrompt / rows[5].Seconds:F0} prompts/s one at a time");
Console.WriteLine($"round read: {rows[^1].PairsPerSecond:F0} pairs/s decoded + deduped ({rows[^1].PairsPerSecond / rows[^2].PairsPerSecond:F2} x the raw read)");
if (stats.Duplicates > 0 || decoded != roundPairs) Console.WriteLine($"round read: {decoded} pairs, {stats.Duplicates} duplicates (expected {roundPairs}, 0)");

void Report(string name, Row typed, Row raw) =>
    Console.WriteLine($"{name}: {typed.PairsPerSecond:F0} pairs/s, {typed.Bytes / typed.Seconds / 1e6:F1} MB/s = {typed.PairsPerSecond / raw.PairsPerSecond:F2} x raw produce of the same bytes ({raw.PairsPerSecond:F0} pairs/s); target >= {Target:F0} pairs/s: {(typed.PairsPerSecond >= Target ? "met" : "NOT met")}");

static List<ScoredCandidate> MakeCandidates(string prompt, int textBytes) =>
    Enumerable.Range(0, 10).Select(i => new ScoredCandidate
    {
        Candidate = new Candidate { PromptId = prompt, Round = 0, Index = i, Seed = i, Text = new string('x', textBytes), TokenCount = 200, PolicyId = "policy-r0" },
        Verdicts =
        [
            new() { ClaimIndex = 0, Claim = "There is a dog.", Question = "Is there a dog? Please answer yes or no.", PYes = 0.9, PNo = 0.1, Accepted = true },
            new() { ClaimIndex = 1, Claim = "The sofa is red.", Question = "Is the sofa red? Please answer yes or no.", PYes = 0.3, PNo = 0.6, Accepted = false },
        ],
        Score = -1,
        LabelerId = "labeler",
    }).ToList();

static PreferencePair MakePair(string prompt, int round, int k, int textBytes)
{
    var text = new string('x', textBytes);
    IReadOnlyList<Verdict> verdicts =
    [
        new() { ClaimIndex = 0, Claim = "There is a dog.", Question = "Is there a dog? Please answer yes or no.", PYes = 0.9, PNo = 0.1, Accepted = true },
        new() { ClaimIndex = 1, Claim = "The sofa is red.", Question = "Is the sofa red? Please answer yes or no.", PYes = 0.3, PNo = 0.6, Accepted = false },
    ];
    return new PreferencePair
    {
        PromptId = prompt,
        Round = round,
        Instruction = "Describe this image in detail.",
        Image = new ImageRef { Uri = $"file:///images/{prompt}.png", Sha256 = new string('a', 64) },
        ChosenIndex = 2 * k,
        RejectedIndex = 2 * k + 1,
        Chosen = text,
        Rejected = text,
        ChosenScore = 0,
        RejectedScore = -1,
        ChosenWords = 180,
        RejectedWords = 185,
        ChosenVerdicts = verdicts.Take(1).ToList(),
        RejectedVerdicts = verdicts,
        PolicyId = "policy-r0",
        LabelerId = "labeler",
        Source = "bench",
    };
}

internal sealed record Row(string Name, long Pairs, long Messages, double Seconds, long Bytes)
{
    public double PairsPerSecond => Pairs / Seconds;
}
