using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>CLIP MLP with quick-GELU (x·σ(1.702x)) or GELU. Keys: fc1, fc2.</summary>
public sealed class ClipMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly Linear fc1;
    private readonly Linear fc2;
#pragma warning restore IDE1006
    private readonly bool _quick;
    private readonly Scalar _quickFactor = 1.702.ToScalar();

    /// <summary>Creates the MLP.</summary>
    public ClipMlp(ClipVisionConfig config) : base(nameof(ClipMlp))
    {
        _quick = config.HiddenAct == "quick_gelu";
        fc1 = nn.Linear(config.HiddenSize, config.IntermediateSize);
        fc2 = nn.Linear(config.IntermediateSize, config.HiddenSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = fc1.forward(input);
        h = _quick ? h.mul(h.mul(_quickFactor).sigmoid()) : nn.functional.gelu(h);
        return fc2.forward(h).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _quickFactor.Dispose();
        }

        base.Dispose(disposing);
    }
}
