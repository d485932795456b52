using RlaifV.Kafka;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Sinks;

namespace RlaifV.Orchestration;

/// <summary>
/// Writes a pairs topic, read up to given end offsets with duplicates dropped by pair id, as Parquet
/// (every configured profile). This is how Kafka mode makes Parquet: from the topic, as any consumer of
/// it would, so restarts and retries never duplicate or drop a row. The instruction kind, which pairs do
/// not carry, is inferred from the instruction as ingest does when a source does not state it.
/// </summary>
public static class PairsExport
{
    /// <summary>
    /// Exports; returns the files written and the number of distinct pairs. A message on the topic that is not a pair
    /// is put on the DLQ topic (stage "export", with its position) and skipped.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Files, long Pairs)> WriteAsync(
        KafkaEnvironment environment, string pairsTopic, IReadOnlyList<PartitionOffset> ends, OutputOptions output, string sourceName, CancellationToken cancellationToken)
    {
        await using var sink = new ParquetPairSink(output, sourceName);
        using var producer = environment.CreateProducer(environment.Options with { Transactions = false, TransactionalId = null });
        var letters = new List<Task>();
        void Malformed(Confluent.Kafka.ConsumeResult<string, byte[]> message, InvalidDataException e) => letters.Add(producer.ProduceDeadLetterAsync(MessageDeadLetters.ForMessage(message, "export", DeadLetterReasons.Malformed, e.Message, DateTimeOffset.UtcNow), cancellationToken));
        long position = 0;
        foreach (var pair in environment.CreateReader().Read(pairsTopic, KafkaRecordTypes.PreferencePair, ends, null, Malformed, cancellationToken))
        {
            var prompt = new Prompt
            {
                Id = pair.PromptId,
                Instruction = pair.Instruction,
                Kind = Prompt.KindOf(pair.Instruction),
                Image = pair.Image,
                Source = pair.Source,
            };
            var ticket = new PromptTicket($"{pairsTopic}/{pair.Id}", position++);
            await sink.WriteAsync(new PromptResult(new PromptItem(prompt, ticket), [], [pair], 0), cancellationToken);
        }
        await sink.FlushAsync(cancellationToken);
        await Task.WhenAll(letters);
        return (sink.WrittenFiles, sink.PairCount);
    }
}
