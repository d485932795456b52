using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>Llama rotary position embedding (the "rotate half" layout Hugging Face uses) with base θ from the config.</summary>
internal sealed class RotaryEmbedding
{
    private readonly float[] _inverseFrequencies;

    public RotaryEmbedding(int headDim, double theta)
    {
        _inverseFrequencies = new float[headDim / 2];
        for (int i = 0; i < _inverseFrequencies.Length; i++)
        {
            _inverseFrequencies[i] = (float)(1.0 / Math.Pow(theta, 2.0 * i / headDim));
        }
    }

    /// <summary>cos and sin tables of shape [B, 1, T, D] for integer positions [B, T], in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) Tables(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var inv = tensor(_inverseFrequencies, device: positions.device);
        var freqs = positions.to_type(ScalarType.Float32).unsqueeze(-1).mul(inv);
        var emb = cat([freqs, freqs], -1).unsqueeze(1);
        var cos = emb.cos().to_type(dtype);
        var sin = emb.sin().to_type(dtype);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>x·cos + rotate_half(x)·sin for x of shape [B, H, T, D].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        long half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = cat([x2.neg(), x1], -1);
        return x.mul(cos).add(rotated.mul(sin), Scalars.One).MoveToOuterDisposeScope();
    }
}
