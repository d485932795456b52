namespace RlaifV.Training;

/// <summary>
/// Linear warm-up then cosine decay to zero, as Hugging Face's <c>get_cosine_schedule_with_warmup</c>: the rate
/// for optimizer step s (0-based) of <c>total</c> is peak·s/w while s &lt; w, then peak·½(1 + cos(π·(s − w)/(total − w))).
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>Warm-up steps for a ratio of the total (rounded up, as the reference recipe's trainer does).</summary>
    public static int WarmupSteps(int totalSteps, double warmupRatio) => (int)Math.Ceiling(totalSteps * warmupRatio);

    /// <summary>The learning rate of step <paramref name="step"/>.</summary>
    public static double At(int step, int totalSteps, int warmupSteps, double peak)
    {
        if (step < warmupSteps)
        {
            return peak * step / Math.Max(1, warmupSteps);
        }

        double progress = (step - warmupSteps) / (double)Math.Max(1, totalSteps - warmupSteps);
        return peak * 0.5 * (1.0 + Math.Cos(Math.PI * Math.Min(1.0, progress)));
    }
}
