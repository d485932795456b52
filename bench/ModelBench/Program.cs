using System.Diagnostics;
using RlaifV.Models;
using RlaifV.Stages.Ports;
using TorchSharp;
using static TorchSharp.torch;

// Model throughput ratios on this machine's CPU (or GPU with -p:TorchDevice=cuda): cached vs uncached decoding,
// batch 64 vs batch 1, and a training step's achieved GFLOP/s against a large matmul's. Ratios, not timed tests.
bool quick = args.Contains("--quick");
string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var device = LlavaBackend.ResolveDevice(Arg("--device") ?? "auto");
if (Arg("--threads") is { } threads)
{
    set_num_threads(int.Parse(threads, System.Globalization.CultureInfo.InvariantCulture));
}

Console.WriteLine($"device {device}, torch threads {get_num_threads()}, {(quick ? "quick" : "full")} run");

var decodeConfig = new LlamaConfig
{
    VocabSize = 4096, HiddenSize = 512, IntermediateSize = 1376, NumHiddenLayers = 4,
    NumAttentionHeads = 8, NumKeyValueHeads = 4, EosTokenIds = [],
};
using var lm = new LlamaForCausalLM(decodeConfig);
RandomCheckpoint.Initialize(lm, seed: 1);
lm.to(device);
lm.eval();
var engine = new InferenceEngine(lm, padId: 0);
int newTokens = 128, promptLength = 64;
var greedy = new GenerationSettings { Temperature = 0, MaxNewTokens = newTokens };
TokenizedPrompt Row(int seed) => new(Enumerable.Range(0, promptLength).Select(i => 1 + ((i * 37 + seed * 101) % 4000)).ToList(), null, seed);

double TokensPerSecond(int batch, bool cache)
{
    var rows = Enumerable.Range(0, batch).Select(Row).ToList();
    engine.Generate(rows, greedy with { MaxNewTokens = 4 }, [], cache); // warm-up
    var sw = Stopwatch.StartNew();
    var result = engine.Generate(rows, greedy, [], cache);
    sw.Stop();
    return result.Tokens.Sum(t => t.Length) / sw.Elapsed.TotalSeconds;
}

Console.WriteLine();
Console.WriteLine($"Decoding: Llama d={decodeConfig.HiddenSize} L={decodeConfig.NumHiddenLayers} GQA {decodeConfig.NumAttentionHeads}/{decodeConfig.NumKeyValueHeads}, V={decodeConfig.VocabSize}, prompt {promptLength}, {newTokens} new tokens, greedy");
double cached1 = TokensPerSecond(1, cache: true);
double uncached1 = TokensPerSecond(1, cache: false);
Console.WriteLine($"| case | tokens/s |");
Console.WriteLine($"|---|---|");
Console.WriteLine($"| batch 1, no cache (full recompute) | {uncached1,10:F1} |");
Console.WriteLine($"| batch 1, KV cache | {cached1,10:F1} |");
int bigBatch = quick ? 16 : 64;
double cachedBig = TokensPerSecond(bigBatch, cache: true);
Console.WriteLine($"| batch {bigBatch}, KV cache | {cachedBig,10:F1} |");
Console.WriteLine($"cache speed-up (batch 1): {cached1 / uncached1:F1}x (target >= 5x)");
Console.WriteLine($"batch {bigBatch} vs batch 1 throughput: {cachedBig / cached1:F1}x");

// Training step vs large matmul.
Console.WriteLine();
int n = quick ? 1024 : 2048;
double matmulGflops;
using (no_grad())
{
    using var a = randn([n, n], device: device);
    using var b = randn([n, n], device: device);
    using (var warm = a.matmul(b)) { }
    int reps = quick ? 3 : 5;
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < reps; i++)
    {
        using var c = a.matmul(b);
        _ = c.sum().item<float>();
    }

    sw.Stop();
    matmulGflops = 2.0 * n * n * n * reps / sw.Elapsed.TotalSeconds / 1e9;
}

var trainConfig = new LlamaConfig
{
    VocabSize = 4096, HiddenSize = quick ? 384 : 768, IntermediateSize = quick ? 1024 : 2048, NumHiddenLayers = quick ? 2 : 4,
    NumAttentionHeads = quick ? 6 : 12, NumKeyValueHeads = quick ? 6 : 12, EosTokenIds = [],
};
int batchSize = 4, seq = 256;
using var model = new LlamaForCausalLM(trainConfig);
RandomCheckpoint.Initialize(model, seed: 2);
model.to(device);
model.train();
using var optimizer = optim.AdamW(model.parameters(), lr: 1e-4);
var ids = Enumerable.Range(0, batchSize).Select(r => Enumerable.Range(0, seq + 1).Select(i => (long)((i * 131 + r * 17) % trainConfig.VocabSize)).ToArray()).ToArray();
using var tokens = tensor(ids.SelectMany(x => x).ToArray(), [batchSize, seq + 1], device: device);
using var inputs = tokens.narrow(1, 0, seq);
using var targets = tokens.narrow(1, 1, seq).reshape(-1);
using var positions = tensor(Enumerable.Range(0, batchSize).SelectMany(_ => Enumerable.Range(0, seq).Select(i => (long)i)).ToArray(), [batchSize, seq], device: device);
using var causal = ones([seq, seq], ScalarType.Bool, device).tril().view(1, 1, seq, seq).expand(batchSize, 1, seq, seq);

double Step()
{
    using var scope = NewDisposeScope();
    optimizer.zero_grad();
    var hidden = model.Hidden(model.Embed(inputs), positions, causal, null);
    var logits = model.Head(hidden).reshape(-1, trainConfig.VocabSize);
    var loss = nn.functional.cross_entropy(logits, targets);
    loss.backward();
    optimizer.step();
    return loss.item<float>();
}

Step();
int steps = quick ? 2 : 4;
var timer = Stopwatch.StartNew();
for (int i = 0; i < steps; i++)
{
    Step();
}

timer.Stop();
double d = trainConfig.HiddenSize, kv = trainConfig.KeyValueHeads * trainConfig.HeadWidth, inter = trainConfig.IntermediateSize, layers = trainConfig.NumHiddenLayers;
double perTokenForward = layers * ((2 * 2 * d * d) + (2 * 2 * d * kv) + (3 * 2 * d * inter) + (2 * 2 * seq * d)) + (2 * d * trainConfig.VocabSize);
double flopsPerStep = 3 * perTokenForward * batchSize * seq;
double trainGflops = flopsPerStep * steps / timer.Elapsed.TotalSeconds / 1e9;
Console.WriteLine($"Training step: Llama d={trainConfig.HiddenSize} L={trainConfig.NumHiddenLayers} I={trainConfig.IntermediateSize} V={trainConfig.VocabSize}, batch {batchSize} x {seq} tokens, forward+backward+AdamW");
Console.WriteLine("FLOPs counted: 3 x forward matmuls (projections, SwiGLU, full-T attention QK^T and AV, head); elementwise work not counted.");
Console.WriteLine($"| measure | GFLOP/s |");
Console.WriteLine($"|---|---|");
Console.WriteLine($"| {n}x{n} fp32 matmul | {matmulGflops,8:F1} |");
Console.WriteLine($"| training step | {trainGflops,8:F1} |");
Console.WriteLine($"training step / matmul: {100 * trainGflops / matmulGflops:F0}% (target >= 50%), {timer.Elapsed.TotalSeconds / steps:F2} s/step");
