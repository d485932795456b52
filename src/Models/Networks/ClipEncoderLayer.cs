using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>One pre-LayerNorm CLIP encoder layer. Keys: self_attn, layer_norm1, mlp, layer_norm2.</summary>
public sealed class ClipEncoderLayer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly ClipAttention self_attn;
    private readonly LayerNorm layer_norm1;
    private readonly ClipMlp mlp;
    private readonly LayerNorm layer_norm2;
#pragma warning restore IDE1006

    /// <summary>Creates the layer.</summary>
    public ClipEncoderLayer(ClipVisionConfig config) : base(nameof(ClipEncoderLayer))
    {
        self_attn = new ClipAttention(config);
        layer_norm1 = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        mlp = new ClipMlp(config);
        layer_norm2 = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = input.add(self_attn.forward(layer_norm1.forward(input)), Scalars.One);
        return h.add(mlp.forward(layer_norm2.forward(h)), Scalars.One).MoveToOuterDisposeScope();
    }
}
