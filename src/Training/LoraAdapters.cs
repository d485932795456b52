using RlaifV.Models;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RlaifV.Training;

/// <summary>
/// Exact LoRA without changing the model's forward: each target Linear keeps its frozen base W₀ and factors A, B; its
/// weight is set to W₀ + s·B·A (s = α/r) after every update, autograd gives ∂L/∂W through the unchanged forward, and the
/// chain rule gives the factors' gradients, ∂L/∂A = s·Bᵀ·∂L/∂W and ∂L/∂B = s·∂L/∂W·Aᵀ. AdamW state is kept for the
/// factors only; the weight gradients are still materialised (the memory LoRA saves here is the optimizer's).
/// </summary>
internal sealed class LoraAdapters : IDisposable
{
    private readonly List<Adapter> _adapters = [];
    private readonly Scalar _scale;
    private readonly LoraOptions _options;

    public LoraAdapters(nn.Module root, string namePrefix, LoraOptions options, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rank, 1);
        _options = options;
        _scale = (options.Alpha / options.Rank).ToScalar();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)(uint)seed + 0x10A4UL);
        foreach (var (name, module) in root.named_modules())
        {
            string full = namePrefix + name;
            if (module is not Linear linear || !full.StartsWith("language_model.", StringComparison.Ordinal) || !options.Targets.Any(t => full.EndsWith("." + t, StringComparison.Ordinal)))
            {
                continue;
            }

            var w = linear.weight!;
            long outFeatures = w.shape[0], inFeatures = w.shape[1];
            // As PEFT: A ~ U(−1/√in, 1/√in) (kaiming-uniform with a = √5), B = 0.
            var a = rand([options.Rank, inFeatures], dtype: w.dtype, device: w.device, generator: generator);
            using var two = (2.0 / Math.Sqrt(inFeatures)).ToScalar();
            using var shift = (1.0 / Math.Sqrt(inFeatures)).ToScalar();
            a.mul_(two).sub_(shift);
            var b = zeros([outFeatures, options.Rank], dtype: w.dtype, device: w.device);
            _adapters.Add(new Adapter(full, w, w.detach().clone().DetachFromDisposeScope(), a.DetachFromDisposeScope(), b.DetachFromDisposeScope()));
        }

        if (_adapters.Count == 0)
        {
            throw new ArgumentException($"No language-model projection matches the LoRA targets ({string.Join(", ", options.Targets)}).");
        }
    }

    /// <summary>The adapted weights' checkpoint names.</summary>
    public IReadOnlyList<string> WeightNames => _adapters.Select(a => a.Name + ".weight").ToList();

    /// <summary>Scalars in the factors.</summary>
    public long ParameterCount => _adapters.Sum(a => a.A.NumberOfElements + a.B.NumberOfElements);

    /// <summary>The factors as AdamW entries (gradients from <see cref="ComputeGradients"/>).</summary>
    public IEnumerable<OptimizedTensor> Optimized => _adapters.SelectMany(a => new[]
    {
        new OptimizedTensor(a.Name + ".lora_A", a.A, true, () => a.GradA),
        new OptimizedTensor(a.Name + ".lora_B", a.B, true, () => a.GradB),
    });

    /// <summary>Lets autograd produce ∂L/∂W for the adapted weights (they are not optimized themselves).</summary>
    public void EnableWeightGradients()
    {
        foreach (var a in _adapters)
        {
            a.Weight.requires_grad = true;
        }
    }

    public void ZeroWeightGradients()
    {
        foreach (var a in _adapters)
        {
            a.Weight.grad?.zero_();
        }
    }

    /// <summary>Sets the factors' gradients from the weights' by the chain rule.</summary>
    public void ComputeGradients()
    {
        using var noGrad = no_grad();
        foreach (var a in _adapters)
        {
            a.GradA?.Dispose();
            a.GradB?.Dispose();
            var g = a.Weight.grad;
            a.GradA = g is null ? null : a.B.t().matmul(g).mul_(_scale).DetachFromDisposeScope();
            a.GradB = g is null ? null : g.matmul(a.A.t()).mul_(_scale).DetachFromDisposeScope();
        }
    }

    /// <summary>Writes W₀ + s·B·A into every adapted weight.</summary>
    public void Merge()
    {
        using var noGrad = no_grad();
        foreach (var a in _adapters)
        {
            using var delta = a.B.matmul(a.A);
            a.Weight.copy_(a.Base.add(delta, _scale));
        }
    }

    public void Save(string path)
    {
        using var scope = NewDisposeScope();
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var a in _adapters)
        {
            dict[a.Name + ".lora_A"] = a.A.cpu().contiguous();
            dict[a.Name + ".lora_B"] = a.B.cpu().contiguous();
            dict[a.Name + ".base"] = a.Base.cpu().contiguous();
        }

        Safetensors.SaveStateDict(path, dict);
    }

    /// <summary>
    /// Saves the factors unmerged as a PEFT adapter (<see cref="PeftAdapter"/>) in <paramref name="directory"/>, relative
    /// to the first policy of a chain of LoRA rounds: when the round's starting policy (<paramref name="startPolicy"/>)
    /// carries its own adapter (<paramref name="adapterFolder"/> inside it) over the same modules, the two are concatenated
    /// along the rank (B·A sums exactly: α/r of the result equals this round's, the earlier B rescaled to it), so a server
    /// that loaded the first policy serves round r + 1 with one adapter.
    /// </summary>
    public void SavePeft(string directory, string startPolicy, string adapterFolder)
    {
        using var scope = NewDisposeScope();
        double scale = _options.Alpha / _options.Rank;
        var factors = _adapters.ToDictionary(a => a.Name, a => (A: a.A.detach().cpu(), B: a.B.detach().cpu()), StringComparer.Ordinal);
        string baseModel = Path.GetFullPath(startPolicy);
        int rank = _options.Rank;
        string previousDir = Path.Combine(startPolicy, adapterFolder);
        if (PeftAdapter.Exists(previousDir))
        {
            using var previous = PeftAdapter.Read(previousDir);
            if (previous.Factors.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(factors.Keys))
            {
                double rescale = previous.Alpha / previous.Rank / scale;
                foreach (var name in factors.Keys.ToList())
                {
                    var (a0, b0) = previous.Factors[name];
                    var (a1, b1) = factors[name];
                    factors[name] = (cat([a0.to_type(a1.dtype), a1], 0), cat([b0.to_type(b1.dtype).mul(rescale), b1], 1));
                }

                rank += previous.Rank;
                baseModel = previous.BaseModel;
            }
        }

        PeftAdapter.Save(directory, factors.ToDictionary(f => f.Key, f => (f.Value.A, f.Value.B), StringComparer.Ordinal), rank, scale * rank, _options.Targets, baseModel);
    }

    public void Load(string path)
    {
        var loaded = Safetensors.LoadStateDict(path);
        try
        {
            using var noGrad = no_grad();
            foreach (var a in _adapters)
            {
                a.A.copy_(loaded[a.Name + ".lora_A"]);
                a.B.copy_(loaded[a.Name + ".lora_B"]);
                a.Base.copy_(loaded[a.Name + ".base"]);
            }
        }
        finally
        {
            foreach (var t in loaded.Values)
            {
                t.Dispose();
            }
        }

        Merge();
    }

    public void Dispose()
    {
        foreach (var a in _adapters)
        {
            a.Base.Dispose();
            a.A.Dispose();
            a.B.Dispose();
            a.GradA?.Dispose();
            a.GradB?.Dispose();
        }

        _scale.Dispose();
    }

    private sealed class Adapter(string name, Parameter weight, Tensor @base, Tensor a, Tensor b)
    {
        public string Name { get; } = name;

        public Parameter Weight { get; } = weight;

        public Tensor Base { get; } = @base;

        public Tensor A { get; } = a;

        public Tensor B { get; } = b;

        public Tensor? GradA { get; set; }

        public Tensor? GradB { get; set; }
    }
}
