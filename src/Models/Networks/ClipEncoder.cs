using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>The CLIP encoder stack. Keys: layers.N.</summary>
public sealed class ClipEncoder : nn.Module
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly ModuleList<ClipEncoderLayer> layers;
#pragma warning restore IDE1006

    /// <summary>Creates the stack.</summary>
    public ClipEncoder(ClipVisionConfig config) : base(nameof(ClipEncoder))
    {
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new ClipEncoderLayer(config)).ToArray());
        RegisterComponents();
    }

    /// <summary>Number of layers.</summary>
    public int LayerCount => layers.Count;

    /// <summary>Runs the first <paramref name="count"/> layers.</summary>
    public Tensor Forward(Tensor x, int count)
    {
        using var scope = NewDisposeScope();
        var h = x;
        for (int i = 0; i < count; i++)
        {
            h = layers[i].forward(h);
        }

        return h.MoveToOuterDisposeScope();
    }
}
