namespace RlaifV.World.Pretraining;

/// <summary>Progress of one pretraining phase after a step.</summary>
/// <param name="Phase">"policy" or "labeler" (training), or a measurement phase such as "evaluate".</param>
/// <param name="Step">Steps done in this phase.</param>
/// <param name="Steps">Steps in this phase.</param>
/// <param name="Loss">Cross-entropy of the last step (nats per response token); NaN outside training.</param>
/// <param name="Elapsed">Time spent in this phase so far.</param>
public sealed record PretrainProgress(string Phase, int Step, int Steps, double Loss, TimeSpan Elapsed)
{
    /// <summary>Steps per second so far in this phase.</summary>
    public double StepsPerSecond => Elapsed.TotalSeconds > 0 ? Step / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left in this phase at the current rate.</summary>
    public TimeSpan Remaining => StepsPerSecond > 0 ? TimeSpan.FromSeconds((Steps - Step) / StepsPerSecond) : TimeSpan.Zero;
}
