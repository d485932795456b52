using RlaifV.Models;

namespace RlaifV.Training;

/// <summary>
/// training: DPO on a round's pairs (method steps 7–10) and self-feedback best-of-N. Defaults are the reference
/// recipe's (AdamW, lr 5e-7 full fine-tune, cosine schedule, 5 % warm-up, weight decay 0.01, global batch 8, 4 epochs,
/// β 0.1). The pairs are read from <c>{output.dir}/pairs/rlaifv/round-NNNN</c>.
/// </summary>
/// <remarks>The one mapping from this section onto the trainer's settings is here: <see cref="ToDpoOptions"/> and <see cref="ForRound"/>.</remarks>
public sealed record TrainingOptions
{
    /// <summary>Folder of per-round checkpoints: round-NNNN is round N's policy (round-(r+1) is written by training round r).</summary>
    public string CheckpointsDir { get; init; } = "checkpoints";

    /// <summary>β of the DPO loss (and of the best-of-N reward).</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>Weight of the optional SFT term w·(−log πθ(y_w)); 0 = off.</summary>
    public double SftWeight { get; init; }

    /// <summary>Peak AdamW learning rate; 0 (default) = the reference recipe's: 5e-7 for a full fine-tune, 1e-5 with LoRA.</summary>
    public double LearningRate { get; init; }

    /// <summary>LoRA adapters instead of a full fine-tune of the language model.</summary>
    public LoraConfigOptions Lora { get; init; } = new();

    /// <summary>Passes over the round's pairs.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Pairs per optimizer step (gradient accumulation over micro-batches).</summary>
    public int GlobalBatch { get; init; } = 8;

    /// <summary>Pairs per forward pass (two rows each); lower it when memory runs out.</summary>
    public int MicroBatch { get; init; } = 1;

    /// <summary>AdamW decoupled weight decay (matrices only).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Share of the steps spent in linear warm-up before the cosine decay.</summary>
    public double WarmupRatio { get; init; } = 0.05;

    /// <summary>Gradient clipping (global L2 norm); 0 = off.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>What trains: any of vision_tower, projector, language_model.</summary>
    public List<TrainablePart> Trainable { get; init; } = [TrainablePart.Projector, TrainablePart.LanguageModel];

    /// <summary>Seed of the per-epoch shuffle.</summary>
    public int Seed { get; init; }

    /// <summary>Save the resumable state (weights, AdamW moments, step) every this many steps; 0 = only at the end.</summary>
    public int SaveStateEvery { get; init; } = 50;

    /// <summary>
    /// Save a candidate checkpoint every this fraction of an epoch (0.25: four per epoch, the last at the end of training);
    /// 0 (default) saves only the final one. Candidates go to <c>round-NNNN.candidates/step-SSSSSS</c>.
    /// </summary>
    public double SaveEvery { get; init; }

    /// <summary>
    /// Which candidate becomes the next policy: <c>last</c> (default) or <c>best</c> (the highest score of the run's
    /// evaluator: with the built-in world, its dev scenes). best needs save_every &gt; 0 and an evaluator.
    /// </summary>
    public CheckpointSelection Select { get; init; } = CheckpointSelection.Last;

    /// <summary>Fewest pairs left after filtering for a round to be trained.</summary>
    public int MinPairs { get; init; } = 8;

    /// <summary>
    /// The length-balance filter of method step 7 (default true, the method). false trains on every pair: a deviation
    /// from the method, reported as such.
    /// </summary>
    public bool LengthBalance { get; init; } = true;

    /// <summary>Longest prompt + response in tokens; longer pairs are dead-lettered.</summary>
    public int MaxTokens { get; init; } = 2048;

    /// <summary>Pairs per forward when computing reference log-probs.</summary>
    public int ReferenceBatch { get; init; } = 4;

    /// <summary>rlaifv bon: candidates sampled per prompt.</summary>
    public int BonN { get; init; } = 8;

    /// <summary>The DPO settings of this section.</summary>
    public DpoOptions ToDpoOptions() => new()
    {
        Beta = Beta,
        SftWeight = SftWeight,
        LearningRate = LearningRate > 0 ? LearningRate : Lora.Enabled ? DpoOptions.LoraLearningRate : DpoOptions.FullFineTuneLearningRate,
        Lora = Lora.Enabled ? new LoraOptions { Rank = Lora.Rank, Alpha = Lora.Alpha, Targets = Lora.Targets } : null,
        Epochs = Epochs,
        GlobalBatch = GlobalBatch,
        MicroBatch = MicroBatch,
        WeightDecay = WeightDecay,
        WarmupRatio = WarmupRatio,
        MaxGradNorm = MaxGradNorm,
        Seed = Seed,
        SaveStateEvery = SaveStateEvery,
        Trainable = Trainable.Aggregate(TrainablePart.None, (parts, part) => parts | part),
    };

    /// <summary>Round <paramref name="round"/>'s training job, starting from the policy <paramref name="policy"/> loads.</summary>
    public RoundTrainingOptions ForRound(int round, BackendOptions policy) => new()
    {
        Round = round,
        Policy = policy,
        CheckpointsDirectory = CheckpointsDir,
        Dpo = ToDpoOptions(),
        MinPairs = MinPairs,
        LengthBalance = LengthBalance,
        MaxTokens = MaxTokens,
        ReferenceBatchPairs = ReferenceBatch,
        SaveEvery = SaveEvery,
        Select = Select,
    };
}
