using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>CLIP patch + class + position embeddings. Keys: class_embedding, patch_embedding, position_embedding.</summary>
public sealed class ClipVisionEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly Parameter class_embedding;
    private readonly Conv2d patch_embedding;
    private readonly Embedding position_embedding;
#pragma warning restore IDE1006
    private readonly long _hidden;

    /// <summary>Creates the embeddings.</summary>
    public ClipVisionEmbeddings(ClipVisionConfig config) : base(nameof(ClipVisionEmbeddings))
    {
        _hidden = config.HiddenSize;
        class_embedding = new Parameter(randn(config.HiddenSize));
        patch_embedding = nn.Conv2d(config.NumChannels, config.HiddenSize, config.PatchSize, stride: config.PatchSize, bias: false);
        position_embedding = nn.Embedding(config.PatchCount + 1, config.HiddenSize);
        RegisterComponents();
    }

    /// <summary>Pixels [B, C, S, S] to embeddings [B, 1 + patches, hidden] (CLS first).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long b = input.shape[0];
        var patches = patch_embedding.forward(input.to_type(class_embedding.dtype)).flatten(2).transpose(1, 2);
        var cls = class_embedding.view(1, 1, _hidden).expand(b, 1, _hidden);
        var x = cat([cls, patches], 1).add(position_embedding.weight!.unsqueeze(0), Scalars.One);
        return x.MoveToOuterDisposeScope();
    }
}
