using System.Text;
using Confluent.Kafka;
using RlaifV.Stages.Flow;

namespace RlaifV.Kafka.Generation;

/// <summary>
/// Produces each prompt's outputs, keyed by prompt id, and returns only when all are delivered (so the
/// prompt's offset is marked done after its outputs are durable): its n candidates as one message (an
/// Arrow record batch), its n scored candidates (verdicts) as one message, and each of its pairs as a
/// message of its own. Batches split only past <see cref="KafkaOptions.MaxBatchBytes"/>; every record
/// carries its deterministic id inside it, and a redelivered prompt produces the same messages again, whose
/// records readers drop by id. Pairs stay one per message because the pairs topic is what the trainer
/// reads message by message (one pair, one id, one dead letter per malformed message). With transactions
/// on, a prompt's outputs are one transaction. A topic left null is not written (a replay re-produces only
/// what it recomputed).
/// </summary>
public sealed class KafkaResultSink : IResultSink
{
    private readonly RecordProducer producer;
    private readonly ImageInlinePolicy images;
    private readonly string? candidatesTopic;
    private readonly string? verdictsTopic;
    private readonly string pairsTopic;
    private readonly IReadOnlyList<KeyValuePair<string, string>> extraHeaders;
    private long pairs;
    private long messages;

    /// <summary>Creates the sink.</summary>
    /// <param name="producer">The producer (transactional when kafka.transactions is on).</param>
    /// <param name="inlineImageMaxBytes">Pairs' images above this travel by reference.</param>
    /// <param name="candidatesTopic">Candidates go here, or nowhere when null.</param>
    /// <param name="verdictsTopic">Scored candidates go here, or nowhere when null.</param>
    /// <param name="pairsTopic">Pairs go here.</param>
    /// <param name="extraHeaders">Headers added to every message (for example a replay's provenance).</param>
    public KafkaResultSink(RecordProducer producer, int inlineImageMaxBytes, string? candidatesTopic, string? verdictsTopic, string pairsTopic, IReadOnlyList<KeyValuePair<string, string>>? extraHeaders = null)
    {
        this.producer = producer;
        images = new ImageInlinePolicy(inlineImageMaxBytes);
        this.candidatesTopic = candidatesTopic;
        this.verdictsTopic = verdictsTopic;
        this.pairsTopic = pairsTopic;
        this.extraHeaders = extraHeaders ?? [];
    }

    /// <summary>
    /// Prompts whose outputs are produced and awaited at once: 64 without transactions (a write waits for the
    /// broker's acknowledgement, the producer's linger plus a round trip, so one prompt at a time held a
    /// generator to ~170 prompts/s on the embedded broker); 1 with transactions (one open transaction per
    /// producer).
    /// </summary>
    public int MaxConcurrentWrites => producer.IsTransactional ? 1 : 64;

    /// <summary>Pairs produced (duplicates of earlier runs included).</summary>
    public long PairCount => Interlocked.Read(ref pairs);

    /// <summary>Messages produced.</summary>
    public long MessageCount => Interlocked.Read(ref messages);

    /// <inheritdoc />
    public async ValueTask WriteAsync(PromptResult result, CancellationToken cancellationToken)
    {
        var outgoing = new List<(string Topic, Message<string, byte[]> Message)>();
        if (candidatesTopic is not null && result.Scored.Count > 0)
            Add(candidatesTopic, KafkaRecordTypes.Candidate, result.Scored.Select(s => s.Candidate).ToList());
        if (verdictsTopic is not null && result.Scored.Count > 0)
            Add(verdictsTopic, KafkaRecordTypes.ScoredCandidate, result.Scored);
        foreach (var pair in result.Pairs)
            outgoing.Add((pairsTopic, WithExtraHeaders(KafkaRecordTypes.PreferencePair.ToMessage(pair with { Image = images.ForWire(pair.Image) }))));
        if (outgoing.Count == 0) return;

        // Delivery is awaited with no cancellation: once produced, a prompt's outputs are seen through, so a
        // graceful stop never leaves a prompt half written and unacknowledged for a reason of its own.
        if (producer.IsTransactional)
        {
            producer.BeginTransaction();
            try
            {
                await Task.WhenAll(outgoing.Select(o => producer.ProduceAsync(o.Topic, o.Message, CancellationToken.None)));
                producer.CommitTransaction();
            }
            catch
            {
                producer.AbortTransaction();
                throw;
            }
        }
        else
        {
            await Task.WhenAll(outgoing.Select(o => producer.ProduceAsync(o.Topic, o.Message, CancellationToken.None)));
        }
        Interlocked.Add(ref pairs, result.Pairs.Count);
        Interlocked.Add(ref messages, outgoing.Count);

        void Add<T>(string topic, KafkaRecordType<T> type, IReadOnlyList<T> records)
        {
            foreach (var message in type.ToMessages(records, producer.MaxBatchBytes)) outgoing.Add((topic, WithExtraHeaders(message)));
        }
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        producer.Flush(TimeSpan.FromSeconds(30));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Message<string, byte[]> WithExtraHeaders(Message<string, byte[]> message)
    {
        foreach (var (key, value) in extraHeaders) message.Headers.Add(key, Encoding.UTF8.GetBytes(value));
        return message;
    }
}
