using TorchSharp;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>Llama's RMSNorm: x · rsqrt(mean(x²) + ε) · weight, computed in float32. Key: <c>weight</c>.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly TorchSharp.Modules.Parameter weight;
#pragma warning restore IDE1006
    private readonly Scalar _eps;

    /// <summary>Creates the norm over the last dimension of width <paramref name="size"/>.</summary>
    public RmsNorm(long size, double eps) : base(nameof(RmsNorm))
    {
        weight = new TorchSharp.Modules.Parameter(ones(size));
        _eps = eps.ToScalar();
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = input.to_type(ScalarType.Float32);
        var variance = h.square().mean([-1L], keepdim: true);
        h = h.mul(variance.add(_eps, Scalars.One).rsqrt());
        return weight.mul(h.to_type(input.dtype)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _eps.Dispose();
        }

        base.Dispose(disposing);
    }
}
