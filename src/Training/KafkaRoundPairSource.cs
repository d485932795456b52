using System.Runtime.CompilerServices;
using RlaifV.Kafka;
using RlaifV.Schemas;

namespace RlaifV.Training;

/// <summary>
/// Round r's pairs as the trainer reads them in a Kafka deployment: the round's pairs topic up to the end offsets the
/// control topic's "round generation complete" record holds (a bounded read: pairs produced later, by a straggling
/// generator, are not part of the round). Messages that do not decode as pairs are dead-lettered with their position and
/// the read goes on; repeated pair ids are dropped (and <see cref="RoundFilter"/> would drop them too).
/// </summary>
public sealed class KafkaRoundPairSource(KafkaEnvironment environment) : IRoundPairSource
{
    /// <inheritdoc />
    public string Describe(int round) => $"{environment.BootstrapServers}/{environment.Topics.Pairs(round)}";

    /// <inheritdoc />
    public async IAsyncEnumerable<RoundPairRecord> ReadAsync(int round, Action<DeadLetter> deadLetter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var complete = new ControlTopicReader(environment).ReadState(cancellationToken).Round(round)?.GenerationComplete
            ?? throw new TrainingException(
                $"Round {round} has no 'generation complete' record on {environment.Topics.Control}: its generation has not finished " +
                $"(run 'rlaifv generate --source kafka --until-caught-up --round {round}'), or read the round's Parquet files instead.");
        void Malformed(Confluent.Kafka.ConsumeResult<string, byte[]> message, InvalidDataException e) => deadLetter(MessageDeadLetters.ForMessage(message, "train", DeadLetterReasons.Malformed, e.Message, DateTimeOffset.UtcNow));
        foreach (var pair in environment.CreateReader().Read(complete.PairsTopic, KafkaRecordTypes.PreferencePair, complete.EndOffsets, null, Malformed, cancellationToken))
        {
            yield return new RoundPairRecord
            {
                PairId = pair.Id,
                Round = pair.Round,
                Question = pair.Instruction,
                Chosen = pair.Chosen,
                Rejected = pair.Rejected,
                ImageBytes = pair.Image.Bytes,
                ImagePath = pair.Image.Uri,
                ImageSha256 = pair.Image.Sha256,
                ChosenWords = pair.ChosenWords,
                RejectedWords = pair.RejectedWords,
                Origin = $"{complete.PairsTopic}/{pair.Id}",
            };
        }
    }
}
