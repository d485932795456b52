using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>CLIP ViT. Keys: embeddings, pre_layrnorm (sic, as in the checkpoints), encoder, post_layernorm.</summary>
public sealed class ClipVisionTransformer : nn.Module
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly ClipVisionEmbeddings embeddings;
    private readonly LayerNorm pre_layrnorm;
    private readonly ClipEncoder encoder;
    private readonly LayerNorm post_layernorm;
#pragma warning restore IDE1006

    /// <summary>Creates the transformer.</summary>
    public ClipVisionTransformer(ClipVisionConfig config) : base(nameof(ClipVisionTransformer))
    {
        embeddings = new ClipVisionEmbeddings(config);
        pre_layrnorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        encoder = new ClipEncoder(config);
        post_layernorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        RegisterComponents();
    }

    /// <summary>
    /// Hidden state number <paramref name="featureLayer"/> in Hugging Face's <c>hidden_states</c> numbering (0 = the
    /// embeddings after pre_layrnorm, L = the last layer; negative counts from the end, -2 = penultimate layer), for
    /// pixels [B, C, S, S]. Only the layers needed are run; post_layernorm is not applied (LLaVA does not use it).
    /// </summary>
    public Tensor HiddenState(Tensor pixels, int featureLayer)
    {
        using var scope = NewDisposeScope();
        int count = featureLayer >= 0 ? featureLayer : encoder.LayerCount + 1 + featureLayer;
        var h = pre_layrnorm.forward(embeddings.forward(pixels));
        return encoder.Forward(h, count).MoveToOuterDisposeScope();
    }

    /// <summary>The pooled CLS output (post_layernorm of the last layer's CLS), as CLIP defines it.</summary>
    public Tensor Pooled(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var h = HiddenState(pixels, encoder.LayerCount);
        return post_layernorm.forward(h.select(1, 0)).MoveToOuterDisposeScope();
    }
}
