using RlaifV.Models;

namespace RlaifV.Training;

/// <summary>
/// Scores a checkpoint for <c>training.select: best</c>: higher is better. The built-in world scores by its dev scenes
/// (1 − response-level hallucination); any evaluator that can load a checkpoint folder can serve.
/// </summary>
public interface ICheckpointEvaluator
{
    /// <summary>What the score measures (recorded with the choice).</summary>
    string Describe();

    /// <summary>The score of the checkpoint <paramref name="checkpoint"/> loads; higher is better.</summary>
    Task<double> ScoreAsync(BackendOptions checkpoint, CancellationToken cancellationToken);
}
