namespace RlaifV.Training;

/// <summary>Which of a round's saved checkpoints becomes the next policy (<c>training.select</c>).</summary>
public enum CheckpointSelection
{
    /// <summary>The checkpoint at the end of training (the default).</summary>
    Last,

    /// <summary>The saved checkpoint the evaluator scores highest (ties: the later one).</summary>
    Best,
}
