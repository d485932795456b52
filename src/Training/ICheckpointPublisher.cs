namespace RlaifV.Training;

/// <summary>
/// Announces a round's trained checkpoint as the next round's policy: the Kafka control topic's "checkpoint published"
/// record (uri + sha256) in a Kafka deployment, a manifest file otherwise (<see cref="FileCheckpointPublisher"/>).
/// </summary>
public interface ICheckpointPublisher
{
    /// <summary>Publishes <paramref name="checkpoint"/> as the policy of round <paramref name="nextRound"/>.</summary>
    Task PublishAsync(int nextRound, CheckpointInfo checkpoint, CancellationToken cancellationToken);
}
