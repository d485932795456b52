namespace RlaifV.Training;

/// <summary>training.lora: LoRA adapters on the language model's projections instead of a full fine-tune (merged on save).</summary>
public sealed record LoraConfigOptions
{
    /// <summary>Train adapters (true) or the whole language model (false, the default).</summary>
    public bool Enabled { get; init; }

    /// <summary>Rank r.</summary>
    public int Rank { get; init; } = 8;

    /// <summary>α; the update is scaled by α/r.</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Projections that get adapters: any of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj.</summary>
    public List<string> Targets { get; init; } = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];
}
