using RlaifV.Models;
using static TorchSharp.torch;

namespace RlaifV.World.Pretraining;

/// <summary>
/// Supervised fine-tuning of a loaded LLaVA backend: cross-entropy on the response tokens only (end-of-turn included),
/// prompts encoded exactly as the pipeline encodes them (<see cref="LlavaBackend.EncodePrompt(string, RlaifV.Stages.Ports.ImageInput, long)"/>),
/// log-probs from the inference engine's differentiable path, AdamW with linear warm-up and cosine decay, gradient
/// norm clipped at 1. Every step runs in a dispose scope; the loss is divided by a tensor, never a float scalar.
/// </summary>
public sealed class SftTrainer : IDisposable
{
    private readonly LlavaBackend _backend;
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly optim.Optimizer _optimizer;
    private readonly double _peak;
    private readonly int _total;
    private readonly int _warmup;

    /// <summary>Creates a trainer of <paramref name="backend"/>'s LLaVA model for <paramref name="totalSteps"/> steps.</summary>
    public SftTrainer(LlavaBackend backend, double peakLearningRate, double weightDecay, int totalSteps, double warmupFraction)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        _backend = backend;
        var model = backend.Engine.Llava ?? throw new ArgumentException("SFT of the world models needs a LLaVA checkpoint.", nameof(backend));
        _parameters = model.DistinctParameters().Select(p => p.Parameter).ToList();
        foreach (var p in _parameters)
        {
            p.requires_grad = true;
        }

        _optimizer = optim.AdamW(_parameters, peakLearningRate, 0.9, 0.999, 1e-8, weightDecay);
        _peak = peakLearningRate;
        _total = totalSteps;
        _warmup = (int)Math.Ceiling(totalSteps * warmupFraction);
    }

    /// <summary>Optimizer steps taken so far.</summary>
    public int Step { get; private set; }

    /// <summary>The learning rate of step <paramref name="step"/>: linear warm-up, then cosine decay to 0 at the last step.</summary>
    public double LearningRateAt(int step)
    {
        if (step < _warmup)
        {
            return _peak * (step + 1) / _warmup;
        }

        double progress = _total == _warmup ? 1 : (step - _warmup) / (double)(_total - _warmup);
        return _peak * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)));
    }

    /// <summary>
    /// One optimizer step on <paramref name="batch"/>; returns the mean cross-entropy (nats per response token)
    /// before the update.
    /// </summary>
    public double TrainStep(IReadOnlyList<SftExample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfZero(batch.Count);
        double lr = LearningRateAt(Step);
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }

        _optimizer.zero_grad();
        double loss;
        using (GcPause.Start())
        using (var scope = NewDisposeScope())
        {
            var prompts = batch.Select(e => _backend.EncodePrompt(e.Instruction, e.Image)).ToList();
            var responses = batch.Select(e => _backend.EncodeResponse(e.Response)).ToList();
            var (logProbs, _) = _backend.Engine.ResponseTokenLogProbs(prompts, responses);
            var count = tensor((float)responses.Sum(r => r.Count), device: logProbs.device);
            var mean = logProbs.sum().neg().div(count);
            mean.backward();
            nn.utils.clip_grad_norm_(_parameters, 1.0);
            _optimizer.step();
            loss = mean.item<float>();
        }

        Step++;
        return loss;
    }

    /// <summary>Mean cross-entropy of <paramref name="batch"/> without updating (nats per response token).</summary>
    public double Evaluate(IReadOnlyList<SftExample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var prompts = batch.Select(e => _backend.EncodePrompt(e.Instruction, e.Image)).ToList();
        var responses = batch.Select(e => _backend.EncodeResponse(e.Response)).ToList();
        var scores = _backend.Engine.ScoreResponses(prompts, responses);
        return -scores.Sum(s => s.Sum) / responses.Sum(r => r.Count);
    }

    /// <inheritdoc />
    public void Dispose() => _optimizer.Dispose();
}
