using RlaifV.Kafka;
using RlaifV.Schemas.Control;

namespace RlaifV.Training;

/// <summary>
/// Publishes a trained checkpoint on the control topic ("checkpoint published": uri + sha256, recorded under the round
/// that was trained), which is where a generator of the next round finds its policy. The record names the checkpoint
/// the way "round started" names a policy (<see cref="PolicyIdentity"/>: the folder's path and the digest of all its
/// files — weights, config, tokenizer and the trainer's manifest with the weights' own sha256), so the generator checks
/// the folder it loads against it. When the round saved several checkpoints, the record (version 2) also carries the
/// choice (<c>last</c> or <c>best</c>), the chosen step and every candidate's score.
/// </summary>
public sealed class KafkaCheckpointPublisher(KafkaEnvironment environment) : ICheckpointPublisher
{
    /// <inheritdoc />
    public async Task PublishAsync(int nextRound, CheckpointInfo checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var producer = environment.CreateProducer(environment.Options with { Transactions = false, TransactionalId = null });
        await producer.ProduceControlAsync(new CheckpointPublished
        {
            Round = nextRound - 1,
            Uri = Path.GetFullPath(checkpoint.Directory),
            Sha256 = PolicyIdentity.Digest(checkpoint.Directory),
            At = DateTimeOffset.UtcNow,
            Selection = checkpoint.Selection,
            SelectedStep = checkpoint.Selection is null ? null : checkpoint.Step,
            Evaluator = checkpoint.Evaluator,
            Candidates = checkpoint.Candidates,
        }, cancellationToken);
        producer.Flush(TimeSpan.FromSeconds(30));
    }
}
