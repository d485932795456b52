namespace RlaifV.Training;

/// <summary>What a round's training did.</summary>
/// <param name="Report">What the round reader kept at each step.</param>
/// <param name="Encoded">Pairs encoded for the policy (after dead-lettering unencodable ones).</param>
/// <param name="ReferenceCached">Pairs whose reference log-probs were reused.</param>
/// <param name="ReferenceComputed">Pairs whose reference log-probs were computed now.</param>
/// <param name="DeadLetters">Records dead-lettered by reader, filter and encoder.</param>
/// <param name="Training">The trainer's outcome (null when the round's checkpoint already existed).</param>
/// <param name="Checkpoint">The next round's policy.</param>
public sealed record RoundTrainingResult(RoundReport Report, int Encoded, int ReferenceCached, int ReferenceComputed, int DeadLetters, TrainingResult? Training, CheckpointInfo Checkpoint)
{
    /// <summary>Wall seconds spent computing reference log-probs (0 when all were cached).</summary>
    public double ReferenceSeconds { get; init; }

    /// <summary>Wall seconds spent in DPO steps (candidate checkpoints and their scoring excluded).</summary>
    public double DpoSeconds { get; init; }

    /// <summary>Wall seconds spent scoring candidate checkpoints (<c>training.select: best</c>).</summary>
    public double SelectionSeconds { get; init; }
}
