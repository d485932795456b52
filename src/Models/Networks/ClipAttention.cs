using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>CLIP multi-head self-attention (no mask). Keys: q_proj, k_proj, v_proj, out_proj.</summary>
public sealed class ClipAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear out_proj;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly int _headDim;

    /// <summary>Creates the block.</summary>
    public ClipAttention(ClipVisionConfig config) : base(nameof(ClipAttention))
    {
        _heads = config.NumAttentionHeads;
        _headDim = config.HiddenSize / config.NumAttentionHeads;
        q_proj = nn.Linear(config.HiddenSize, config.HiddenSize);
        k_proj = nn.Linear(config.HiddenSize, config.HiddenSize);
        v_proj = nn.Linear(config.HiddenSize, config.HiddenSize);
        out_proj = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long b = input.shape[0], t = input.shape[1];
        var q = q_proj.forward(input).view(b, t, _heads, _headDim).transpose(1, 2);
        var k = k_proj.forward(input).view(b, t, _heads, _headDim).transpose(1, 2);
        var v = v_proj.forward(input).view(b, t, _heads, _headDim).transpose(1, 2);
        var o = nn.functional.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(b, t, _heads * _headDim);
        return out_proj.forward(o).MoveToOuterDisposeScope();
    }
}
