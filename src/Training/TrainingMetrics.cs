using Prometheus;

namespace RlaifV.Training;

/// <summary>
/// The trainer's Prometheus metrics on a registry the caller owns: per-step gauges (loss, reward margin and accuracy,
/// chosen and rejected rewards, learning rate, tokens per second), the step counter, and dead-lettered pairs by reason.
/// </summary>
public sealed class TrainingMetrics
{
    /// <summary>Creates the metrics on <paramref name="registry"/>.</summary>
    public TrainingMetrics(CollectorRegistry registry)
    {
        var f = Metrics.WithCustomRegistry(registry);
        Loss = f.CreateGauge("rlaifv_train_loss", "DPO loss of the last optimizer step (mean over its pairs).");
        Margin = f.CreateGauge("rlaifv_train_reward_margin", "Mean chosen minus rejected implicit reward of the last step.");
        Accuracy = f.CreateGauge("rlaifv_train_reward_accuracy", "Share of the last step's pairs whose chosen reward exceeds the rejected one.");
        ChosenReward = f.CreateGauge("rlaifv_train_chosen_reward", "Mean beta*(log pi_theta - log pi_ref) of the chosen responses of the last step.");
        RejectedReward = f.CreateGauge("rlaifv_train_rejected_reward", "Mean beta*(log pi_theta - log pi_ref) of the rejected responses of the last step.");
        LearningRate = f.CreateGauge("rlaifv_train_learning_rate", "Learning rate of the last optimizer step.");
        TokensPerSecond = f.CreateGauge("rlaifv_train_tokens_per_second", "Tokens through forward and backward per second in the last step.");
        Steps = f.CreateCounter("rlaifv_train_steps_total", "Optimizer steps taken by this process.");
        DeadLetters = f.CreateCounter("rlaifv_train_dead_letters_total", "Pair records the trainer could not use, by reason.", "reason");
    }

    /// <summary>rlaifv_train_loss.</summary>
    public Gauge Loss { get; }

    /// <summary>rlaifv_train_reward_margin.</summary>
    public Gauge Margin { get; }

    /// <summary>rlaifv_train_reward_accuracy.</summary>
    public Gauge Accuracy { get; }

    /// <summary>rlaifv_train_chosen_reward.</summary>
    public Gauge ChosenReward { get; }

    /// <summary>rlaifv_train_rejected_reward.</summary>
    public Gauge RejectedReward { get; }

    /// <summary>rlaifv_train_learning_rate.</summary>
    public Gauge LearningRate { get; }

    /// <summary>rlaifv_train_tokens_per_second.</summary>
    public Gauge TokensPerSecond { get; }

    /// <summary>rlaifv_train_steps_total.</summary>
    public Counter Steps { get; }

    /// <summary>rlaifv_train_dead_letters_total{reason}.</summary>
    public Counter DeadLetters { get; }

    /// <summary>Sets the gauges from one step.</summary>
    public void Record(TrainingStepStats s)
    {
        Loss.Set(s.Loss);
        Margin.Set(s.Margin);
        Accuracy.Set(s.Accuracy);
        ChosenReward.Set(s.ChosenReward);
        RejectedReward.Set(s.RejectedReward);
        LearningRate.Set(s.LearningRate);
        TokensPerSecond.Set(s.TokensPerSecond);
        Steps.Inc();
    }
}
