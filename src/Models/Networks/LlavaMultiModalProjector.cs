using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>LLaVA-1.5's two-layer GELU MLP from vision width to text width. Keys: linear_1, linear_2.</summary>
public sealed class LlavaMultiModalProjector : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly Linear linear_1;
    private readonly Linear linear_2;
#pragma warning restore IDE1006

    /// <summary>Creates the projector.</summary>
    public LlavaMultiModalProjector(LlavaConfig config) : base(nameof(LlavaMultiModalProjector))
    {
        linear_1 = nn.Linear(config.VisionConfig.HiddenSize, config.TextConfig.HiddenSize);
        linear_2 = nn.Linear(config.TextConfig.HiddenSize, config.TextConfig.HiddenSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return linear_2.forward(nn.functional.gelu(linear_1.forward(input))).MoveToOuterDisposeScope();
    }
}
