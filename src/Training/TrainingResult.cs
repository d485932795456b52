namespace RlaifV.Training;

/// <summary>The outcome of <see cref="DpoTrainer.Train"/>.</summary>
/// <param name="StartStep">The step training started from (non-zero when resumed).</param>
/// <param name="Step">Steps done in all, after this call.</param>
/// <param name="TotalSteps">Steps of the whole schedule.</param>
/// <param name="Completed">Whether the schedule ran to its end (false when stopped by max_steps or cancellation).</param>
/// <param name="History">Every step this call made, in order.</param>
public sealed record TrainingResult(int StartStep, int Step, int TotalSteps, bool Completed, IReadOnlyList<TrainingStepStats> History);
