namespace RlaifV.Training;

/// <summary>Publishes to several places in order (the control topic and the manifest file, for example).</summary>
public sealed class CheckpointPublishers(params ICheckpointPublisher[] publishers) : ICheckpointPublisher
{
    /// <inheritdoc />
    public async Task PublishAsync(int nextRound, CheckpointInfo checkpoint, CancellationToken cancellationToken)
    {
        foreach (var p in publishers) await p.PublishAsync(nextRound, checkpoint, cancellationToken);
    }
}
