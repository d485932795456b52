using System.Text;
using Confluent.Kafka;
using RlaifV.Kafka;
using RlaifV.Stages.Flow;

namespace RlaifV.Runtime.Kafka;

/// <summary>
/// Produces each prompt's outputs: its candidates, its scored candidates (verdicts) and its pairs, keyed by
/// prompt id, as one message per topic (an Arrow record batch of the prompt's n candidates, n verdicts,
/// its pairs; split only past <see cref="KafkaOptions.MaxBatchBytes"/>), every record with its
/// deterministic id inside it, and returns only when all are delivered (so the prompt's offset is marked
/// done after its outputs are durable). A redelivered prompt produces the same batches again and readers
/// drop the repeated records by id. With transactions on, a prompt's outputs are one transaction. A topic
/// left null is not written (a replay re-produces only what it recomputed).
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
        if (result.Pairs.Count > 0)
            Add(pairsTopic, KafkaRecordTypes.PreferencePair, result.Pairs.Select(p => p with { Image = images.ForWire(p.Image) }).ToList());
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
            foreach (var message in type.ToMessages(records, producer.MaxBatchBytes))
            {
                foreach (var (key, value) in extraHeaders) message.Headers.Add(key, Encoding.UTF8.GetBytes(value));
                outgoing.Add((topic, message));
            }
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
}
