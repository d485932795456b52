using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>One pre-norm Llama layer. Keys: self_attn, mlp, input_layernorm, post_attention_layernorm.</summary>
public sealed class LlamaDecoderLayer : nn.Module
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly LlamaAttention self_attn;
    private readonly LlamaMlp mlp;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;
#pragma warning restore IDE1006

    /// <summary>Creates the layer.</summary>
    public LlamaDecoderLayer(LlamaConfig config) : base(nameof(LlamaDecoderLayer))
    {
        self_attn = new LlamaAttention(config);
        mlp = new LlamaMlp(config);
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    /// <summary>x + attn(norm(x)), then + mlp(norm(·)).</summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor mask, KvCache? cache, int layerIndex)
    {
        using var scope = NewDisposeScope();
        var h = x.add(self_attn.Forward(input_layernorm.forward(x), cos, sin, mask, cache, layerIndex), Scalars.One);
        var o = h.add(mlp.forward(post_attention_layernorm.forward(h)), Scalars.One);
        return o.MoveToOuterDisposeScope();
    }
}
