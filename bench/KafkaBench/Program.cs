using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using RlaifV.Kafka;
using RlaifV.Schemas;
using RlaifV.Schemas.Arrow;

// Usage: dotnet run -c Release --project bench/KafkaBench -- [pairs=40000] [text-bytes=1000] [round-pairs=8000]
var numbers = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var pairCount = numbers.Length > 0 ? numbers[0] : 40_000;
var textBytes = numbers.Length > 1 ? numbers[1] : 1_000;
var roundPairs = numbers.Length > 2 ? numbers[2] : 8_000;

var options = new KafkaOptions { Partitions = 12, LingerMs = 5 };
using var env = KafkaEnvironment.Open(options);
var produceTopic = env.Topics.Pairs(0);
var rawTopic = env.Topics.Pairs(0, "raw");
var roundTopic = env.Topics.Pairs(1);
await env.EnsureTopicsAsync([produceTopic, rawTopic]);
// The embedded broker keeps about 5 MB per partition: give the round topic enough partitions to hold it all.
env.Embedded!.CreateTopic(roundTopic, 64);

var pairs = Enumerable.Range(0, pairCount).Select(i => MakePair($"prompt-{i:D7}", 0, textBytes)).ToList();
var messageBytes = ArrowIpc.Encode(PreferencePair.Layout, pairs[0]).Length;
var rows = new List<(string Name, int Count, double Seconds, long Bytes)>();

using (var producer = env.CreateProducer())
{
    // Warm-up: JIT, connections, metadata.
    for (var i = 0; i < 500; i++) producer.Produce(produceTopic, KafkaRecordTypes.PreferencePair, pairs[i]);
    producer.Flush(TimeSpan.FromSeconds(30));

    var failures = 0;
    void OnDelivery(DeliveryReport<string, byte[]> r)
    {
        if (r.Error.IsError) Interlocked.Increment(ref failures);
    }

    var sw = Stopwatch.StartNew();
    long bytes = 0;
    foreach (var p in pairs)
    {
        var message = KafkaRecordTypes.PreferencePair.ToMessage(p);
        bytes += message.Value.Length;
        producer.Produce(produceTopic, message, OnDelivery);
    }
    producer.Flush(TimeSpan.FromMinutes(5));
    rows.Add(("typed produce (encode + envelope + send)", pairCount, sw.Elapsed.TotalSeconds, bytes));

    sw.Restart();
    Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        producer.Produce(produceTopic, KafkaRecordTypes.PreferencePair, p, OnDelivery));
    producer.Flush(TimeSpan.FromMinutes(5));
    rows.Add(($"typed produce, encoding on {Environment.ProcessorCount} threads", pairCount, sw.Elapsed.TotalSeconds, bytes));

    var messages = pairs.Select(KafkaRecordTypes.PreferencePair.ToMessage).ToList();
    sw.Restart();
    foreach (var m in messages) producer.Produce(rawTopic, m, OnDelivery);
    producer.Flush(TimeSpan.FromMinutes(5));
    rows.Add(("raw produce of the same bytes", pairCount, sw.Elapsed.TotalSeconds, messages.Sum(m => (long)m.Value.Length)));

    sw.Restart();
    var window = new List<Task<DeliveryResult<string, byte[]>>>(1000);
    foreach (var p in pairs)
    {
        window.Add(producer.ProducePairAsync(p with { Round = 0 }));
        if (window.Count == 1000)
        {
            await Task.WhenAll(window);
            window.Clear();
        }
    }
    await Task.WhenAll(window);
    rows.Add(("ProducePairAsync, 1000 in flight", pairCount, sw.Elapsed.TotalSeconds, bytes));

    sw.Restart();
    long encoded = 0;
    foreach (var p in pairs) encoded += ArrowIpc.Encode(PreferencePair.Layout, p).Length;
    rows.Add(("Arrow IPC encode only (no Kafka)", pairCount, sw.Elapsed.TotalSeconds, encoded));

    if (failures > 0) Console.Error.WriteLine($"{failures} deliveries failed");

    // A round: its pairs, then the end offsets a RoundGenerationComplete would record.
    foreach (var p in pairs.Take(roundPairs)) producer.Produce(roundTopic, KafkaRecordTypes.PreferencePair, p with { Round = 1 }, OnDelivery);
    producer.Flush(TimeSpan.FromMinutes(5));
}

var end = env.GetEndOffsets(roundTopic);
var reader = env.CreateReader();
var sw2 = Stopwatch.StartNew();
long rawBytes = 0;
var rawCount = 0;
foreach (var m in reader.ReadRaw(roundTopic, end))
{
    rawBytes += m.Message.Value.Length;
    rawCount++;
}
rows.Add(("bounded read of a round, raw", rawCount, sw2.Elapsed.TotalSeconds, rawBytes));

sw2.Restart();
var stats = new BoundedReadStats();
var decoded = reader.Read(roundTopic, KafkaRecordTypes.PreferencePair, end, stats).Count();
rows.Add(("bounded read of a round, decoded + deduped", decoded, sw2.Elapsed.TotalSeconds, rawBytes));

Console.WriteLine($"Kafka transport on the embedded broker ({Environment.ProcessorCount} cores); one pair = {messageBytes} bytes of Arrow IPC ({2 * textBytes} bytes of response text)");
Console.WriteLine();
Console.WriteLine($"| {"operation",-44} | {"messages",9} | {"seconds",8} | {"msgs/s",9} | {"MB/s",7} |");
Console.WriteLine($"|{new string('-', 46)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 11)}|{new string('-', 9)}|");
foreach (var (name, count, seconds, bytes) in rows)
    Console.WriteLine($"| {name,-44} | {count,9} | {seconds,8:F2} | {count / seconds,9:F0} | {bytes / seconds / 1e6,7:F1} |");
var typedSerial = rows[0].Count / rows[0].Seconds;
var typed = Math.Max(typedSerial, rows[1].Count / rows[1].Seconds);
var raw = rows[2].Count / rows[2].Seconds;
Console.WriteLine();
Console.WriteLine($"typed / raw produce = {typed / raw:F2}; target >= 20000 pairs/s: {(typed >= 20_000 ? "met" : "not met")}");
if (stats.Duplicates > 0 || decoded != roundPairs) Console.WriteLine($"round read: {decoded} pairs, {stats.Duplicates} duplicates (expected {roundPairs}, 0)");

static PreferencePair MakePair(string prompt, int round, int textBytes)
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
        ChosenIndex = 0,
        RejectedIndex = 1,
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
