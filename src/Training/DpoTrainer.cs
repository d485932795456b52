using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RlaifV.Models;
using RlaifV.Stages.Rules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Training;

/// <summary>
/// DPO on a round's pairs (method step 9). Each micro-batch runs chosen and rejected rows of its pairs in one forward
/// (a concatenated batch of 2·B rows), the loss is scaled so micro-batches accumulate to the global batch, the global
/// gradient norm is clipped, and AdamW steps with a cosine schedule after a linear warm-up. Only the configured parts
/// train (projector + language model by default). The batch order is a function of (seed, epoch), and the state
/// (weights, AdamW moments, step) saves to a folder, so a killed run resumes where it stopped with the same result.
/// </summary>
public sealed class DpoTrainer : IDisposable
{
    private const string StateFileName = "trainer_state.json";
    private const string OptimizerFileName = "optimizer.safetensors";
    private const string WeightsFolderName = "model";
    private readonly InferenceEngine _engine;
    private readonly nn.Module _root;
    private readonly ILogger _logger;
    private readonly TrainingMetrics? _metrics;
    private readonly AdamW _optimizer;
    private readonly List<(string Name, Parameter Parameter, bool Decay)> _trainable;
    private readonly List<OptimizedTensor> _optimized;
    private readonly LoraAdapters? _lora;
    private const string LoraFileName = "lora.safetensors";

    /// <summary>Creates a trainer over the model behind <paramref name="engine"/>, which it updates in place.</summary>
    /// <param name="engine">The policy's engine (the model is trained in place).</param>
    /// <param name="options">Training settings (validated here).</param>
    /// <param name="logger">Per-step logs (optional).</param>
    /// <param name="metrics">Prometheus gauges (optional).</param>
    public DpoTrainer(InferenceEngine engine, DpoOptions options, ILogger<DpoTrainer>? logger = null, TrainingMetrics? metrics = null)
    {
        options.Validate();
        _engine = engine;
        Options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _metrics = metrics;
        _root = engine.Llava is { } llava ? llava : engine.LanguageModel;
        string prefix = engine.Llava is null ? "language_model." : "";
        var distinct = engine.Llava?.DistinctParameters() ?? engine.LanguageModel.DistinctParameters().Select(p => ("language_model." + p.Name, p.Parameter)).ToList();
        var trainable = new List<(string Name, Parameter Parameter, bool Decay)>();
        foreach (var (name, p) in distinct)
        {
            var part = PartOf(name);
            bool train = (Options.Trainable & part) != 0 && !(Options.Lora is not null && part == TrainablePart.LanguageModel);
            p.requires_grad = train;
            if (train)
            {
                trainable.Add((name, p, p.dim() >= 2 && !name.Contains("embed_tokens", StringComparison.Ordinal)));
            }
        }

        // A tied head shares the embedding's parameter, whose flag decides for both.
        _trainable = trainable;
        var optimized = _trainable.Select(t => new OptimizedTensor(t.Name, t.Parameter, t.Decay, () => t.Parameter.grad)).ToList();
        if (Options.Lora is not null && (Options.Trainable & TrainablePart.LanguageModel) != 0)
        {
            _lora = new LoraAdapters(_root, prefix, Options.Lora, Options.Seed);
            _lora.EnableWeightGradients();
            optimized.AddRange(_lora.Optimized);
        }

        if (optimized.Count == 0)
        {
            throw new ArgumentException("training 'trainable' selects no parameter of this model.");
        }

        _optimized = optimized;
        _optimizer = new AdamW(_optimized, Options);
    }

    /// <summary>The settings.</summary>
    public DpoOptions Options { get; }

    /// <summary>Optimizer steps taken (including those of a resumed state).</summary>
    public int Step { get; private set; }

    /// <summary>Names of the trained parameters (checkpoint keys; for a text-only Llama prefixed "language_model.").</summary>
    public IReadOnlyList<string> TrainableParameterNames => _optimized.Select(t => t.Name).ToList();

    /// <summary>Number of trained scalars (LoRA factors counted, not the weights they adapt).</summary>
    public long TrainableParameterCount => _optimized.Sum(t => t.Value.NumberOfElements);

    /// <summary>Optimizer steps of the whole schedule for <paramref name="pairCount"/> pairs.</summary>
    public int TotalSteps(int pairCount) => (int)Math.Ceiling(pairCount / (double)Options.GlobalBatch) * Options.Epochs;

    /// <summary>
    /// Trains on <paramref name="pairs"/> (each with reference log-probs) until the schedule ends, <see cref="DpoOptions.MaxSteps"/>
    /// steps were taken in this call, or <paramref name="cancellationToken"/> fires (then the state is saved and the call
    /// returns). With <paramref name="stateDirectory"/>, a state saved there by an earlier run on the same pairs and settings
    /// is resumed, and the state is saved every <see cref="DpoOptions.SaveStateEvery"/> steps and at the end.
    /// </summary>
    public TrainingResult Train(IReadOnlyList<TrainingPair> pairs, string? stateDirectory = null, Action<TrainingStepStats>? onStep = null, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0)
        {
            throw new TrainingException("No pairs to train on.");
        }

        var missing = pairs.FirstOrDefault(p => p.Reference is null);
        if (missing is not null)
        {
            throw new TrainingException($"Pair {missing.Id} has no reference log-probs; compute them first (ReferenceLogProbComputer).");
        }

        int stepsPerEpoch = (int)Math.Ceiling(pairs.Count / (double)Options.GlobalBatch);
        int total = stepsPerEpoch * Options.Epochs;
        int warmup = LearningRateSchedule.WarmupSteps(total, Options.WarmupRatio);
        string fingerprint = Fingerprint(pairs);
        if (stateDirectory is not null && TryLoadState(stateDirectory, fingerprint))
        {
            Log.Resumed(_logger, Step, total, stateDirectory);
        }

        Log.Started(_logger, TrainableParameterCount, Options.Trainable.ToString(), pairs.Count, total, Options.GlobalBatch, warmup);
        int start = Step;
        var history = new List<TrainingStepStats>();
        var meter = new ProgressMeter(progress, "training", total, "steps", start);
        int[]? order = null;
        int orderEpoch = -1;
        while (Step < total && !cancellationToken.IsCancellationRequested && (Options.MaxSteps == 0 || Step - start < Options.MaxSteps))
        {
            int epoch = Step / stepsPerEpoch;
            if (epoch != orderEpoch)
            {
                order = Shuffle(pairs.Count, Options.Seed, epoch);
                orderEpoch = epoch;
            }

            int first = (Step % stepsPerEpoch) * Options.GlobalBatch;
            var batch = order!.Skip(first).Take(Options.GlobalBatch).Select(i => pairs[i]).ToList();
            double lr = LearningRateSchedule.At(Step, total, warmup, Options.LearningRate);
            var stats = RunStep(batch, lr, epoch);
            history.Add(stats);
            Log.Step(_logger, stats.Step, total, epoch, stats.Loss, stats.Margin, stats.Accuracy, stats.ChosenReward, stats.RejectedReward, lr, stats.GradNorm, stats.TokensPerSecond);
            _metrics?.Record(stats);
            onStep?.Invoke(stats);
            meter.Report(Step);
            if (stateDirectory is not null && Options.SaveStateEvery > 0 && Step % Options.SaveStateEvery == 0 && Step < total)
            {
                SaveState(stateDirectory, fingerprint);
            }
        }

        if (stateDirectory is not null && Step > start)
        {
            SaveState(stateDirectory, fingerprint);
        }

        return new TrainingResult(start, Step, total, Step >= total, history);
    }

    /// <summary>Saves the model in the Hugging Face layout (see <see cref="ModelCheckpoint.Save"/>).</summary>
    public CheckpointInfo SaveCheckpoint(string directory, string tokenizerSource) =>
        ModelCheckpoint.Save(_engine, directory, tokenizerSource, Step, _lora is null ? null : temp => _lora.SavePeft(Path.Combine(temp, AdapterFolderName), tokenizerSource, AdapterFolderName));

    /// <summary>
    /// The folder inside a LoRA-trained checkpoint that holds its adapter unmerged in PEFT's layout (a subfolder, so that
    /// loaders that look for adapter_config.json beside the weights still see a plain merged checkpoint).
    /// </summary>
    public const string AdapterFolderName = "lora";

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _lora?.Dispose();
    }

    /// <summary>One optimizer step over <paramref name="batch"/> (public for the benchmark).</summary>
    internal TrainingStepStats RunStep(IReadOnlyList<TrainingPair> batch, double learningRate, int epoch)
    {
        var clock = Stopwatch.StartNew();
        using var gcPause = GcPause.Start(); // see GcPause: no temporary Scalar finalized mid-call
        _optimizer.ZeroGrad();
        _lora?.ZeroWeightGradients();
        double loss = 0;
        var chosen = new List<float>(batch.Count);
        var rejected = new List<float>(batch.Count);
        long tokens = 0;
        var device = _engine.LanguageModel.Model.EmbedTokens.weight!.device;
        foreach (var micro in batch.Chunk(Options.MicroBatch))
        {
            using var scope = NewDisposeScope();
            try
            {
                int b = micro.Length;
                var prompts = micro.Select(p => p.Prompt).Concat(micro.Select(p => p.Prompt)).ToList();
                var responses = micro.Select(p => p.Chosen).Concat(micro.Select(p => p.Rejected)).ToList();
                var (logProbs, _) = _engine.ResponseTokenLogProbs(prompts, responses);
                var sums = logProbs.sum(1);
                using var refChosen = tensor(micro.Select(p => (float)p.Reference!.Chosen.Sum).ToArray(), device: device);
                using var refRejected = tensor(micro.Select(p => (float)p.Reference!.Rejected.Sum).ToArray(), device: device);
                using var output = DpoLoss.Compute(sums.narrow(0, 0, b), sums.narrow(0, b, b), refChosen, refRejected, Options.Beta, Options.SftWeight);
                using var share = (b / (double)batch.Count).ToScalar();
                output.Loss.mul(share).backward();
                loss += output.Loss.item<float>() * b;
                chosen.AddRange(output.ChosenRewards.cpu().data<float>().ToArray());
                rejected.AddRange(output.RejectedRewards.cpu().data<float>().ToArray());
                tokens += micro.Sum(p => (long)p.TokenCount);
            }
            catch (Exception e) when (IsOutOfMemory(e))
            {
                throw new TrainingException(
                    $"Out of memory in a DPO forward/backward of {micro.Length} pair(s) ({2 * micro.Length} rows): lower training.micro_batch " +
                    $"(now {Options.MicroBatch}); training.global_batch ({Options.GlobalBatch}) is kept by accumulating more micro-batches.", e);
            }
        }

        _lora?.ComputeGradients();
        double gradNorm = ClipGradients();
        _optimizer.Step(learningRate);
        _lora?.Merge();
        Step++;
        double seconds = Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        double accuracy = chosen.Zip(rejected).Count(x => x.First > x.Second) / (double)chosen.Count;
        return new TrainingStepStats(Step, epoch, loss / batch.Count, chosen.Average(), rejected.Average(), chosen.Zip(rejected).Average(x => (double)x.First - x.Second),
            accuracy, learningRate, gradNorm, tokens / seconds);
    }

    /// <summary>Saves weights, AdamW moments and the step into <paramref name="directory"/> (replacing it atomically).</summary>
    internal void SaveState(string directory, string fingerprint)
    {
        string full = Path.GetFullPath(directory);
        string temp = full + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        var skip = TiedHeadKey() is { } tied ? new[] { tied } : null;
        CheckpointWriter.Save(_root, Path.Combine(temp, WeightsFolderName), 2L << 30, null, skip);
        _optimizer.Save(Path.Combine(temp, OptimizerFileName));
        _lora?.Save(Path.Combine(temp, LoraFileName));
        var state = new Dictionary<string, object> { ["step"] = Step, ["fingerprint"] = fingerprint, ["saved_at"] = DateTimeOffset.UtcNow.ToString("O") };
        File.WriteAllText(Path.Combine(temp, StateFileName), JsonSerializer.Serialize(state));
        string old = full + ".old";
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }

        if (Directory.Exists(full))
        {
            Directory.Move(full, old);
        }

        Directory.Move(temp, full);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }

        Log.StateSaved(_logger, Step, full);
    }

    /// <summary>Loads a state saved by <see cref="SaveState"/>; false when there is none. A state of other pairs or settings fails.</summary>
    internal bool TryLoadState(string directory, string fingerprint)
    {
        string file = Path.Combine(directory, StateFileName);
        if (!File.Exists(file))
        {
            return false;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        string saved = doc.RootElement.GetProperty("fingerprint").GetString() ?? "";
        if (saved != fingerprint)
        {
            throw new TrainingException(
                $"The training state in {directory} belongs to other pairs or settings (fingerprint {saved[..Math.Min(12, saved.Length)]}, this run {fingerprint[..12]}); " +
                "delete that folder to start over, or rerun with the same pairs and training settings to resume.");
        }

        var tied = TiedHeadKey();
        CheckpointLoader.Load(_root, Path.Combine(directory, WeightsFolderName), tied is null ? null : [tied]);
        _optimizer.Load(Path.Combine(directory, OptimizerFileName));
        _lora?.Load(Path.Combine(directory, LoraFileName));
        Step = doc.RootElement.GetProperty("step").GetInt32();
        return true;
    }

    /// <summary>What identifies a run for resumption: pair ids in order and every setting that shapes the schedule.</summary>
    internal string Fingerprint(IReadOnlyList<TrainingPair> pairs)
    {
        var text = new StringBuilder();
        foreach (var p in pairs)
        {
            text.Append(p.Id).Append('\n');
        }

        var o = Options with { MaxSteps = 0, SaveStateEvery = 0 };
        text.Append(o.ToString());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// A permutation of 0..count-1 for an epoch (Fisher–Yates on a seeded stream). The stream's seed derives from
    /// (training seed, epoch) through SHA-256 (<see cref="Seeds.Derive"/>), never from .NET's per-process randomised
    /// <see cref="HashCode"/>, so a run resumed in a new process trains the same batches as an uninterrupted one.
    /// </summary>
    internal static int[] Shuffle(int count, int seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        long derived = Seeds.Derive(seed, epoch, "dpo", "shuffle");
        var rng = new Random(unchecked((int)(derived ^ (derived >> 32))));
        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Global L2 norm of the optimized gradients, scaled down in place to <see cref="DpoOptions.MaxGradNorm"/> when above it.</summary>
    private double ClipGradients()
    {
        using var noGrad = no_grad();
        var grads = _optimized.Select(o => o.Gradient()).OfType<Tensor>().ToList();
        double total = Math.Sqrt(grads.Sum(g =>
        {
            using var sq = g.to_type(ScalarType.Float32).square().sum();
            return (double)sq.item<float>();
        }));
        if (Options.MaxGradNorm > 0 && total > Options.MaxGradNorm)
        {
            using var coefficient = (Options.MaxGradNorm / (total + 1e-6)).ToScalar();
            foreach (var g in grads)
            {
                g.mul_(coefficient);
            }
        }

        return total;
    }

    private static bool IsOutOfMemory(Exception e) =>
        e is OutOfMemoryException || e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase);

    private static TrainablePart PartOf(string name) =>
        name.StartsWith("vision_tower.", StringComparison.Ordinal) ? TrainablePart.VisionTower
        : name.StartsWith("multi_modal_projector.", StringComparison.Ordinal) ? TrainablePart.Projector
        : TrainablePart.LanguageModel;

    private string? TiedHeadKey() =>
        !_engine.LanguageModel.Config.TieWordEmbeddings ? null : _engine.Llava is null ? "lm_head.weight" : "language_model.lm_head.weight";
}
