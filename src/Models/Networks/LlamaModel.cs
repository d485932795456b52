using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>The Llama decoder stack. Keys: embed_tokens, layers.N, norm.</summary>
public sealed class LlamaModel : nn.Module
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly Embedding embed_tokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly RmsNorm norm;
#pragma warning restore IDE1006
    private readonly RotaryEmbedding _rotary;

    /// <summary>Creates the stack.</summary>
    public LlamaModel(LlamaConfig config) : base(nameof(LlamaModel))
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new LlamaDecoderLayer(config)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        _rotary = new RotaryEmbedding(config.HeadWidth, config.RopeTheta);
        RegisterComponents();
    }

    /// <summary>The token embedding (shared with the head when tied).</summary>
    public Embedding EmbedTokens => embed_tokens;

    /// <summary>Number of decoder layers.</summary>
    public int LayerCount => layers.Count;

    /// <summary>
    /// Runs the stack on embeddings [B, T, hidden] at integer positions [B, T] under a boolean mask [B, 1, T, Tk];
    /// returns the final-normed hidden states [B, T, hidden]. With a cache, the new positions are committed to it.
    /// </summary>
    public Tensor Forward(Tensor inputsEmbeds, Tensor positions, Tensor mask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var (cos, sin) = _rotary.Tables(positions, inputsEmbeds.dtype);
        var h = inputsEmbeds;
        for (int i = 0; i < layers.Count; i++)
        {
            h = layers[i].Forward(h, cos, sin, mask, cache, i);
        }

        cache?.Advance(inputsEmbeds.shape[1]);
        return norm.forward(h).MoveToOuterDisposeScope();
    }
}
