namespace RlaifV.World.Pretraining;

/// <summary>
/// Settings of <c>rlaifv world pretrain</c>: the seed, the model shape (a tiny LLaVA-1.5: CLIP ViT on 48×48 images in
/// 8×8 patches, a 2-layer GELU projector, a pre-norm Llama), and the two supervised phases (policy, then labeler).
/// </summary>
public sealed record PretrainOptions
{
    /// <summary>Seed of every draw: initial weights, training scenes, corruption, batch order.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Policy SFT steps (default 3000).</summary>
    public int PolicySteps { get; init; } = 3000;

    /// <summary>
    /// A trained policy folder to start from instead of training one (its policy phase is skipped): retrains only the
    /// labeler against that policy's claims.
    /// </summary>
    public string? PolicyFrom { get; init; }

    /// <summary>
    /// Labeler fine-tuning steps, starting from the trained policy (default 4000: a labeler initialised from the policy
    /// keeps accepting the policy's own systematic errors for long; at 2000 steps it still accepted a third of its extra
    /// objects and most of its colour confusions).
    /// </summary>
    public int LabelerSteps { get; init; } = 4000;

    /// <summary>Examples per step (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Peak learning rate of the policy phase (default 2e-3; cosine decay after 5 % warm-up).</summary>
    public double PolicyLearningRate { get; init; } = 2e-3;

    /// <summary>Peak learning rate of the labeler phase (default 5e-4).</summary>
    public double LabelerLearningRate { get; init; } = 5e-4;

    /// <summary>AdamW weight decay (default 0.01).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Share of warm-up steps (default 0.05).</summary>
    public double WarmupFraction { get; init; } = 0.05;

    /// <summary>Share of description examples in the policy corpus; the rest are short answers (default 0.6).</summary>
    public double DescriptionShare { get; init; } = 0.6;

    /// <summary>Share of the labeler's questions that come from the policy's own claims (default 0.7; the rest are random claims).</summary>
    public double PolicyClaimShare { get; init; } = 0.7;

    /// <summary>
    /// Share of the policy-claim questions drawn from its false claims (default 0.4; drawn in proportion, about 8 % of
    /// sampled claims are false and the labeler kept accepting them; at 0.5 it started rejecting true claims).
    /// </summary>
    public double PolicyFalseShare { get; init; } = 0.4;

    /// <summary>Llama width (default 128).</summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary>Llama SwiGLU width (default 256).</summary>
    public int IntermediateSize { get; init; } = 256;

    /// <summary>Llama decoder layers (default 4).</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Llama query heads (default 4).</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Llama key/value heads (default 2, grouped-query attention).</summary>
    public int KeyValueHeads { get; init; } = 2;

    /// <summary>CLIP width (default 64).</summary>
    public int VisionHiddenSize { get; init; } = 64;

    /// <summary>CLIP layers (default 3; LLaVA reads the penultimate one).</summary>
    public int VisionLayers { get; init; } = 3;

    /// <summary>Held-out description prompts for the final measurement (default 300).</summary>
    public int EvaluationCount { get; init; } = 300;

    /// <summary>Greedy decoding limit in the measurement (default 96 tokens).</summary>
    public int MaxNewTokens { get; init; } = 96;

    /// <summary>Torch threads (0 leaves the default).</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Check(PolicySteps >= 1, "policy steps", PolicySteps, "≥ 1");
        Check(LabelerSteps >= 0, "labeler steps", LabelerSteps, "≥ 0");
        Check(BatchSize >= 1, "batch size", BatchSize, "≥ 1");
        Check(PolicyLearningRate > 0 && LabelerLearningRate > 0, "learning rate", PolicyLearningRate, "> 0");
        Check(WarmupFraction is >= 0 and < 1, "warm-up fraction", WarmupFraction, "in [0, 1)");
        Check(DescriptionShare is >= 0 and <= 1, "description share", DescriptionShare, "in [0, 1]");
        Check(PolicyClaimShare is >= 0 and <= 1, "policy claim share", PolicyClaimShare, "in [0, 1]");
        Check(PolicyFalseShare is >= 0 and <= 1, "policy false share", PolicyFalseShare, "in [0, 1]");
        Check(HiddenSize % Heads == 0 && Heads % KeyValueHeads == 0, "heads", Heads, "dividing the width, a multiple of the key/value heads");
        Check(EvaluationCount >= 1, "evaluation count", EvaluationCount, "≥ 1");
        Check(Threads >= 0, "threads", Threads, "≥ 0");
    }

    private static void Check(bool ok, string name, object value, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentException($"pretrain {name} = {value} is invalid; allowed: {allowed}.");
        }
    }
}
