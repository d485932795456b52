using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>Llama self-attention with rotary embeddings and grouped-query heads. Keys: q_proj, k_proj, v_proj, o_proj.</summary>
public sealed class LlamaAttention : nn.Module
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;

    /// <summary>Creates the attention block of one decoder layer.</summary>
    public LlamaAttention(LlamaConfig config) : base(nameof(LlamaAttention))
    {
        _heads = config.NumAttentionHeads;
        _kvHeads = config.KeyValueHeads;
        _headDim = config.HeadWidth;
        q_proj = nn.Linear(config.HiddenSize, _heads * _headDim, hasBias: config.AttentionBias);
        k_proj = nn.Linear(config.HiddenSize, _kvHeads * _headDim, hasBias: config.AttentionBias);
        v_proj = nn.Linear(config.HiddenSize, _kvHeads * _headDim, hasBias: config.AttentionBias);
        o_proj = nn.Linear(_heads * _headDim, config.HiddenSize, hasBias: config.AttentionBias);
        RegisterComponents();
    }

    /// <summary>
    /// Attends x [B, T, hidden] with rotary tables [B, 1, T, D] and a boolean mask [B, 1, T, Tk] (true = may attend).
    /// With a cache, this layer's keys/values are appended and attention covers the cached positions too.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor mask, KvCache? cache, int layerIndex)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        var q = q_proj.forward(x).view(b, t, _heads, _headDim).transpose(1, 2);
        var k = k_proj.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);
        var v = v_proj.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);
        if (cache is not null)
        {
            (k, v) = cache.Append(layerIndex, k, v);
        }

        if (_kvHeads != _heads)
        {
            k = RepeatKv(k, _heads / _kvHeads);
            v = RepeatKv(v, _heads / _kvHeads);
        }

        var o = nn.functional.scaled_dot_product_attention(q, k, v, mask);
        o = o.transpose(1, 2).reshape(b, t, _heads * _headDim);
        return o_proj.forward(o).MoveToOuterDisposeScope();
    }

    private static Tensor RepeatKv(Tensor x, int repeats)
    {
        long b = x.shape[0], h = x.shape[1], t = x.shape[2], d = x.shape[3];
        return x.unsqueeze(2).expand(b, h, repeats, t, d).reshape(b, h * repeats, t, d);
    }
}
