namespace RlaifV.Training;

/// <summary>
/// DPO training settings (method step 9; the defaults are the reference recipe's). Immutable;
/// <see cref="Validate"/> names a bad setting, its value and what is allowed.
/// </summary>
public sealed record DpoOptions
{
    /// <summary>The reference recipe's learning rate for a full fine-tune.</summary>
    public const double FullFineTuneLearningRate = 5e-7;

    /// <summary>The reference recipe's learning rate with LoRA adapters.</summary>
    public const double LoraLearningRate = 1e-5;

    /// <summary>β of the loss (default 0.1).</summary>
    public double Beta { get; init; } = DpoLoss.DefaultBeta;

    /// <summary>Weight w of the optional SFT term w·(−log πθ(y_w)) (default 0: off).</summary>
    public double SftWeight { get; init; }

    /// <summary>Peak learning rate of AdamW (default 5e-7, the full fine-tune rate).</summary>
    public double LearningRate { get; init; } = FullFineTuneLearningRate;

    /// <summary>Passes over the round's pairs (default 4).</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Pairs per optimizer step (default 8); reached by gradient accumulation over micro-batches.</summary>
    public int GlobalBatch { get; init; } = 8;

    /// <summary>Pairs per forward pass (default 1; each pair is two rows, chosen and rejected, in one forward). Lower it when memory runs out.</summary>
    public int MicroBatch { get; init; } = 1;

    /// <summary>AdamW decoupled weight decay (default 0.01), applied to matrices only (not norms or biases).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Share of the steps spent warming the learning rate up linearly before the cosine decay (default 0.05).</summary>
    public double WarmupRatio { get; init; } = 0.05;

    /// <summary>AdamW β1 (default 0.9).</summary>
    public double AdamBeta1 { get; init; } = 0.9;

    /// <summary>AdamW β2 (default 0.999).</summary>
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>AdamW ε (default 1e-8).</summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Clip the global gradient L2 norm to this value before each step (default 1.0; 0 disables).</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>What is trained (default projector + language model; the vision tower stays frozen).</summary>
    public TrainablePart Trainable { get; init; } = TrainablePart.Projector | TrainablePart.LanguageModel;

    /// <summary>
    /// LoRA adapters on the language model's projections instead of training it fully (null, the default: full
    /// fine-tune). With LoRA, <see cref="TrainablePart.LanguageModel"/> in <see cref="Trainable"/> means "through the
    /// adapters"; set <see cref="LearningRate"/> to <see cref="LoraLearningRate"/> for the reference recipe.
    /// </summary>
    public LoraOptions? Lora { get; init; }

    /// <summary>Seed of the per-epoch shuffle (default 0); the order is a function of (seed, epoch), so a resumed run sees the same batches.</summary>
    public int Seed { get; init; }

    /// <summary>Stop after this many optimizer steps in this call (0 = run to the end); state is saved when it stops.</summary>
    public int MaxSteps { get; init; }

    /// <summary>Save the resumable state every this many steps (default 50; 0 = only at the end).</summary>
    public int SaveStateEvery { get; init; } = 50;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Check(Beta > 0 && double.IsFinite(Beta), "beta", Beta, "a finite number > 0");
        Check(SftWeight >= 0 && double.IsFinite(SftWeight), "sft_weight", SftWeight, "a finite number >= 0");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a finite number > 0");
        Check(Epochs >= 1, "epochs", Epochs, ">= 1");
        Check(GlobalBatch >= 1, "global_batch", GlobalBatch, ">= 1");
        Check(MicroBatch >= 1 && MicroBatch <= GlobalBatch, "micro_batch", MicroBatch, $"1 .. global_batch ({GlobalBatch})");
        Check(WeightDecay >= 0, "weight_decay", WeightDecay, ">= 0");
        Check(WarmupRatio is >= 0 and < 1, "warmup_ratio", WarmupRatio, "0 <= x < 1");
        Check(AdamBeta1 is >= 0 and < 1, "adam_beta1", AdamBeta1, "0 <= x < 1");
        Check(AdamBeta2 is >= 0 and < 1, "adam_beta2", AdamBeta2, "0 <= x < 1");
        Check(AdamEpsilon > 0, "adam_epsilon", AdamEpsilon, "> 0");
        Check(MaxGradNorm >= 0, "max_grad_norm", MaxGradNorm, ">= 0 (0 disables clipping)");
        Check(Trainable != TrainablePart.None, "trainable", Trainable, "at least one of vision_tower, projector, language_model");
        Check(Lora is null || Lora.Rank >= 1, "lora.rank", Lora?.Rank ?? 0, ">= 1");
        Check(Lora is null || Lora.Alpha > 0, "lora.alpha", Lora?.Alpha ?? 0, "> 0");
        Check(Lora is null || Lora.Targets.Count > 0, "lora.targets", "[]", "one or more of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj");
        Check(MaxSteps >= 0, "max_steps", MaxSteps, ">= 0 (0 = no limit)");
        Check(SaveStateEvery >= 0, "save_state_every", SaveStateEvery, ">= 0 (0 = only at the end)");
    }

    private static void Check(bool ok, string key, object value, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentException($"training '{key}' = {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)} is invalid: allowed {allowed}.");
        }
    }
}
