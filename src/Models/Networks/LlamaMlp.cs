using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>SwiGLU MLP: down_proj(silu(gate_proj(x)) · up_proj(x)). Keys: gate_proj, up_proj, down_proj.</summary>
public sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly Linear gate_proj;
    private readonly Linear up_proj;
    private readonly Linear down_proj;
#pragma warning restore IDE1006

    /// <summary>Creates the MLP of one decoder layer.</summary>
    public LlamaMlp(LlamaConfig config) : base(nameof(LlamaMlp))
    {
        gate_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: false);
        up_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: false);
        down_proj = nn.Linear(config.IntermediateSize, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.silu(gate_proj.forward(input)).mul(up_proj.forward(input));
        return down_proj.forward(h).MoveToOuterDisposeScope();
    }
}
