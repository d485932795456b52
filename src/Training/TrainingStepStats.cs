namespace RlaifV.Training;

/// <summary>What one optimizer step did (averages over the step's pairs).</summary>
/// <param name="Step">1-based optimizer step count after this step.</param>
/// <param name="Epoch">0-based epoch the step belongs to.</param>
/// <param name="Loss">Mean DPO loss.</param>
/// <param name="ChosenReward">Mean β·(log πθ(y_w) − log π_ref(y_w)).</param>
/// <param name="RejectedReward">Mean β·(log πθ(y_l) − log π_ref(y_l)).</param>
/// <param name="Margin">Mean chosen − rejected reward.</param>
/// <param name="Accuracy">Share of pairs with chosen reward &gt; rejected reward.</param>
/// <param name="LearningRate">The rate used by this step.</param>
/// <param name="GradNorm">Global gradient L2 norm before clipping.</param>
/// <param name="TokensPerSecond">Tokens through the forward/backward per second of this step.</param>
public sealed record TrainingStepStats(int Step, int Epoch, double Loss, double ChosenReward, double RejectedReward, double Margin, double Accuracy, double LearningRate, double GradNorm, double TokensPerSecond);
