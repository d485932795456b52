using RlaifV.Models;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RlaifV.Training;

/// <summary>
/// AdamW with decoupled weight decay, PyTorch's update: p ← p·(1 − lr·wd); m ← β1·m + (1 − β1)·g;
/// v ← β2·v + (1 − β2)·g²; p ← p − lr/(1 − β1ᵗ) · m / (√v/√(1 − β2ᵗ) + ε). Its state (t, m, v per parameter name) saves to
/// and loads from a safetensors file, so a killed run resumes with the same moments. Scalars are created explicitly
/// per step and disposed (no implicit float→Scalar conversions in the loop).
/// </summary>
internal sealed class AdamW : IDisposable
{
    private readonly IReadOnlyList<OptimizedTensor> _parameters;
    private readonly Dictionary<string, (Tensor M, Tensor V)> _moments = new(StringComparer.Ordinal);
    private readonly DpoOptions _options;

    public AdamW(IReadOnlyList<OptimizedTensor> parameters, DpoOptions options)
    {
        _parameters = parameters;
        _options = options;
    }

    /// <summary>Updates taken so far (t).</summary>
    public long Steps { get; private set; }

    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.Gradient()?.zero_();
        }
    }

    public void Step(double learningRate)
    {
        using var noGrad = no_grad();
        Steps++;
        double b1 = _options.AdamBeta1, b2 = _options.AdamBeta2;
        double bias1 = 1 - Math.Pow(b1, Steps), bias2 = 1 - Math.Pow(b2, Steps);
        using var decay = (1 - (learningRate * _options.WeightDecay)).ToScalar();
        using var beta1 = b1.ToScalar();
        using var oneMinusBeta1 = (1 - b1).ToScalar();
        using var beta2 = b2.ToScalar();
        using var oneMinusBeta2 = (1 - b2).ToScalar();
        using var sqrtBias2 = Math.Sqrt(bias2).ToScalar();
        using var eps = _options.AdamEpsilon.ToScalar();
        using var negStep = (-learningRate / bias1).ToScalar();
        foreach (var (name, p, useDecay, gradient) in _parameters)
        {
            var g = gradient();
            if (g is null)
            {
                continue;
            }

            var (m, v) = Moments(name, p);
            if (useDecay && _options.WeightDecay > 0)
            {
                p.mul_(decay);
            }

            m.mul_(beta1).add_(g, oneMinusBeta1);
            v.mul_(beta2).addcmul_(g, g, oneMinusBeta2);
            using var denom = v.sqrt();
            denom.div_(sqrtBias2).add_(eps, Scalars.One);
            p.addcdiv_(m, denom, negStep);
        }
    }

    public void Save(string path)
    {
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        foreach (var (name, (m, v)) in _moments)
        {
            dict["exp_avg." + name] = m.detach().cpu().contiguous();
            dict["exp_avg_sq." + name] = v.detach().cpu().contiguous();
        }

        dict["step"] = tensor(new[] { Steps });
        Safetensors.SaveStateDict(path, dict);
    }

    public void Load(string path)
    {
        var loaded = Safetensors.LoadStateDict(path);
        try
        {
            Steps = loaded.TryGetValue("step", out var s) ? s.data<long>()[0] : throw new InvalidDataException($"{path} has no 'step'.");
            ClearMoments();
            using var noGrad = no_grad();
            foreach (var (name, p, _, _) in _parameters)
            {
                if (loaded.TryGetValue("exp_avg." + name, out var m) && loaded.TryGetValue("exp_avg_sq." + name, out var v))
                {
                    if (!m.shape.SequenceEqual(p.shape))
                    {
                        throw new InvalidDataException($"{path}: moment of '{name}' has shape [{string.Join(", ", m.shape)}], the parameter [{string.Join(", ", p.shape)}].");
                    }

                    _moments[name] = (m.to(p.dtype, p.device).DetachFromDisposeScope(), v.to(p.dtype, p.device).DetachFromDisposeScope());
                }
            }
        }
        finally
        {
            foreach (var t in loaded.Values)
            {
                t.Dispose();
            }
        }
    }

    public void Dispose() => ClearMoments();

    private (Tensor M, Tensor V) Moments(string name, Tensor p)
    {
        if (!_moments.TryGetValue(name, out var mv))
        {
            mv = (zeros_like(p).DetachFromDisposeScope(), zeros_like(p).DetachFromDisposeScope());
            _moments[name] = mv;
        }

        return mv;
    }

    private void ClearMoments()
    {
        foreach (var (m, v) in _moments.Values)
        {
            m.Dispose();
            v.Dispose();
        }

        _moments.Clear();
    }
}
