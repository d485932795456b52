using System.Diagnostics;
using System.Globalization;
using RlaifV.Models;
using RlaifV.Training;
using TorchSharp;
using static TorchSharp.torch;

// DPO training throughput on a small Llama (random weights): optimizer steps per second and achieved GFLOP/s against a
// large fp32 matmul in the same run (target >= 50 %), and reference log-prob throughput in pairs per second.
// A ratio table, not a timed test. Usage: dotnet run -c Release --project bench/TrainBench [-- --quick] [-- --device cuda]
bool quick = args.Contains("--quick");
int deviceArg = Array.IndexOf(args, "--device");
var device = LlavaBackend.ResolveDevice(deviceArg >= 0 && deviceArg + 1 < args.Length ? args[deviceArg + 1] : "auto");
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"device {device}, libtorch threads {get_num_threads()}, {(quick ? "quick" : "full")} run"));

int n = quick ? 1024 : 2048;
double matmulGflops;
using (no_grad())
{
    using var a = randn([n, n], device: device);
    using var b = randn([n, n], device: device);
    using (var warm = a.matmul(b))
    {
        _ = warm.sum().item<float>();
    }

    int reps = quick ? 3 : 6;
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < reps; i++)
    {
        using var c = a.matmul(b);
        _ = c.sum().item<float>();
    }

    matmulGflops = 2.0 * n * n * n * reps / sw.Elapsed.TotalSeconds / 1e9;
}

var config = new LlamaConfig
{
    VocabSize = 4096,
    HiddenSize = quick ? 384 : 768,
    IntermediateSize = quick ? 1024 : 2048,
    NumHiddenLayers = quick ? 2 : 4,
    NumAttentionHeads = quick ? 6 : 12,
    NumKeyValueHeads = quick ? 6 : 12,
    MaxPositionEmbeddings = 1024,
    EosTokenIds = [2],
};
int promptTokens = 64, responseTokens = quick ? 64 : 192, globalBatch = 8, microBatch = 4;
using var model = new LlamaForCausalLM(config);
RandomCheckpoint.Initialize(model, seed: 2);
model.to(device);
var engine = new InferenceEngine(model, padId: 0);
var pairs = Enumerable.Range(0, 32).Select(i =>
{
    var prompt = new TokenizedPrompt([1, .. Enumerable.Range(0, promptTokens - 1).Select(j => 3 + ((i * 31 + j * 7) % 4000))]);
    var chosen = Enumerable.Range(0, responseTokens - 1).Select(j => 3 + ((i * 13 + j * 11) % 4000)).Append(2).ToList();
    var rejected = Enumerable.Range(0, responseTokens - 1).Select(j => 3 + ((i * 17 + j * 5) % 4000)).Append(2).ToList();
    return new TrainingPair($"p{i}", prompt, chosen, rejected);
}).ToList();

// Reference log-probs (forward only, no gradients).
ReferenceLogProbComputer.Compute(engine, pairs.Take(microBatch).ToList(), microBatch, null, CancellationToken.None);
var refTimer = Stopwatch.StartNew();
var scored = ReferenceLogProbComputer.Compute(engine, pairs, microBatch, null, CancellationToken.None);
double refPairsPerSecond = pairs.Count / refTimer.Elapsed.TotalSeconds;

// DPO steps: chosen and rejected of a micro-batch in one forward, accumulation to the global batch, AdamW.
using var trainer = new DpoTrainer(engine, new DpoOptions { GlobalBatch = globalBatch, MicroBatch = microBatch, LearningRate = 1e-5 });
trainer.RunStep(scored.Take(globalBatch).ToList(), 1e-5, 0);
int steps = quick ? 2 : 4;
var stepTimer = Stopwatch.StartNew();
for (int s = 0; s < steps; s++)
{
    trainer.RunStep(scored.Skip((s * globalBatch) % scored.Count).Take(globalBatch).ToList(), 1e-5, 0);
}

double stepSeconds = stepTimer.Elapsed.TotalSeconds / steps;
double d = config.HiddenSize, kv = config.KeyValueHeads * config.HeadWidth, inter = config.IntermediateSize, layers = config.NumHiddenLayers;
int t = promptTokens + responseTokens;
double perTokenLayers = layers * ((2 * 2 * d * d) + (2 * 2 * d * kv) + (3 * 2 * d * inter) + (2 * 2 * t * d));
double perRowForward = (t * perTokenLayers) + (responseTokens * 2 * d * config.VocabSize);
double stepFlops = 3 * perRowForward * 2 * globalBatch;
double trainGflops = stepFlops / stepSeconds / 1e9;
double refGflops = perRowForward * 2 * refPairsPerSecond / 1e9;

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {layers} layers, width {d}, vocab {config.VocabSize}; pairs of {promptTokens} prompt + {responseTokens} response tokens; global batch {globalBatch}, micro-batch {microBatch}"));
Console.WriteLine("| measure | value | GFLOP/s | vs matmul |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n}x{n} fp32 matmul | | {matmulGflops:F1} | 100% |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| DPO step (fwd+bwd+AdamW) | {1 / stepSeconds:F3} steps/s ({stepSeconds:F2} s/step) | {trainGflops:F1} | {100 * trainGflops / matmulGflops:F0}% |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| reference log-probs (fwd) | {refPairsPerSecond:F2} pairs/s | {refGflops:F1} | {100 * refGflops / matmulGflops:F0}% |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DPO step / matmul: {100 * trainGflops / matmulGflops:F0}% (target >= 50%)"));
