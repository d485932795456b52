namespace RlaifV.Training;

/// <summary>
/// LoRA adapters on the language model's projections: W = W₀ + (α/r)·B·A with A [r, in], B [out, r] (B starts at zero,
/// so training starts from the base model). Only the adapters (and any non-language-model part selected in
/// <see cref="DpoOptions.Trainable"/>) are optimized; the weights always hold W₀ + (α/r)·B·A, so a saved checkpoint is
/// already merged. The reference recipe's LoRA learning rate is <see cref="DpoOptions.LoraLearningRate"/>.
/// </summary>
public sealed record LoraOptions
{
    /// <summary>Rank r (default 8).</summary>
    public int Rank { get; init; } = 8;

    /// <summary>α (default 16); the update is scaled by α/r.</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Projection names that get adapters (default every attention and MLP projection).</summary>
    public IReadOnlyList<string> Targets { get; init; } = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"lora(r={Rank}, alpha={Alpha}, targets={string.Join('+', Targets)})");
}
