using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;

namespace RlaifV.Kafka;

/// <summary>
/// Produces RlaifV records with their envelope (key = prompt id; headers record name, schema version and
/// deterministic id) through one idempotent producer: retries after broker faults never duplicate within a
/// producer session. With <see cref="KafkaOptions.Transactions"/> on, the producer is transactional and
/// every produce must sit between <see cref="BeginTransaction"/> and <see cref="CommitTransaction"/>.
/// Thread-safe.
/// </summary>
public sealed class RecordProducer : IDisposable
{
    private static readonly TimeSpan TransactionTimeout = TimeSpan.FromSeconds(60);
    private readonly IProducer<string, byte[]> producer;
    private readonly ImageInlinePolicy images;

    /// <summary>Creates a producer (and initialises transactions when they are on).</summary>
    /// <param name="options">Transport settings.</param>
    /// <param name="bootstrapServers">Resolved bootstrap servers (never <c>embedded</c>; see <see cref="KafkaEnvironment"/>).</param>
    /// <param name="logger">Logger for client errors.</param>
    public RecordProducer(KafkaOptions options, string bootstrapServers, ILogger<RecordProducer>? logger = null)
    {
        options.EnsureValid();
        var log = (ILogger?)logger ?? NullLogger.Instance;
        Topics = new TopicNames(options.TopicPrefix);
        images = new ImageInlinePolicy(options.InlineImageMaxBytes);
        IsTransactional = options.Transactions;
        MaxBatchBytes = options.MaxBatchBytes;
        producer = new ProducerBuilder<string, byte[]>(ClientConfigs.Producer(options, bootstrapServers, options.Transactions ? options.TransactionalId : null))
            .SetErrorHandler((_, e) => Log.ClientError(log, "producer", e.Code, e.Reason, e.IsFatal))
            .SetLogHandler((_, m) => ClientConfigs.RouteLog(log, "producer", m))
            .Build();
        if (IsTransactional) producer.InitTransactions(TransactionTimeout);
    }

    /// <summary>The topic naming scheme in use.</summary>
    public TopicNames Topics { get; }

    /// <summary>True when produces must sit inside transactions.</summary>
    public bool IsTransactional { get; }

    /// <summary>The largest value of a message holding a prompt's batch of records (<see cref="KafkaOptions.MaxBatchBytes"/>).</summary>
    public int MaxBatchBytes { get; }

    /// <summary>Produces <paramref name="record"/> to <paramref name="topic"/> and waits for its delivery.</summary>
    public Task<DeliveryResult<string, byte[]>> ProduceAsync<T>(string topic, KafkaRecordType<T> type, T record, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, type.ToMessage(record), cancellationToken);

    /// <summary>Produces a ready message (key, value, headers) and waits for its delivery; retries while the local queue is full.</summary>
    public async Task<DeliveryResult<string, byte[]>> ProduceAsync(string topic, Message<string, byte[]> message, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                return await producer.ProduceAsync(topic, message, cancellationToken);
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                await Task.Delay(5, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Enqueues <paramref name="record"/> without waiting; <paramref name="onDelivery"/> runs on the
    /// producer's delivery thread. For high throughput; call <see cref="Flush"/> to wait for all.
    /// </summary>
    public void Produce<T>(string topic, KafkaRecordType<T> type, T record, Action<DeliveryReport<string, byte[]>>? onDelivery = null) =>
        Produce(topic, type.ToMessage(record), onDelivery);

    /// <summary>
    /// Enqueues one prompt's records of one type (same key) as one message, or as few as
    /// <see cref="MaxBatchBytes"/> allows, without waiting; returns the number of messages. For high
    /// throughput; call <see cref="Flush"/> to wait for all.
    /// </summary>
    public int ProduceBatch<T>(string topic, KafkaRecordType<T> type, IReadOnlyList<T> records, Action<DeliveryReport<string, byte[]>>? onDelivery = null)
    {
        var messages = type.ToMessages(records, MaxBatchBytes);
        foreach (var message in messages) Produce(topic, message, onDelivery);
        return messages.Count;
    }

    /// <summary>Produces one prompt's records of one type (same key) as <see cref="ProduceBatch{T}"/> does and waits for their delivery.</summary>
    public Task<DeliveryResult<string, byte[]>[]> ProduceBatchAsync<T>(string topic, KafkaRecordType<T> type, IReadOnlyList<T> records, CancellationToken cancellationToken = default) =>
        Task.WhenAll(type.ToMessages(records, MaxBatchBytes).Select(m => ProduceAsync(topic, m, cancellationToken)));

    /// <summary>Enqueues a ready message without waiting; blocks briefly while the local queue is full.</summary>
    public void Produce(string topic, Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>>? onDelivery = null)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    /// <summary>Produces a prompt to the prompts topic (its image by reference when over the inline limit).</summary>
    public Task<DeliveryResult<string, byte[]>> ProducePromptAsync(Prompt prompt, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topics.Prompts, KafkaRecordTypes.Prompt, prompt with { Image = images.ForWire(prompt.Image) }, cancellationToken);

    /// <summary>Produces a candidate to its round's candidates topic.</summary>
    public Task<DeliveryResult<string, byte[]>> ProduceCandidateAsync(Candidate candidate, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topics.Candidates(candidate.Round), KafkaRecordTypes.Candidate, candidate, cancellationToken);

    /// <summary>Produces a scored candidate to its round's verdicts topic.</summary>
    public Task<DeliveryResult<string, byte[]>> ProduceVerdictAsync(ScoredCandidate scored, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topics.Verdicts(scored.Candidate.Round), KafkaRecordTypes.ScoredCandidate, scored, cancellationToken);

    /// <summary>Produces a pair to its round's pairs topic (its image by reference when over the inline limit).</summary>
    public Task<DeliveryResult<string, byte[]>> ProducePairAsync(PreferencePair pair, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topics.Pairs(pair.Round), KafkaRecordTypes.PreferencePair, pair with { Image = images.ForWire(pair.Image) }, cancellationToken);

    /// <summary>Produces a dead letter to the DLQ topic.</summary>
    public Task<DeliveryResult<string, byte[]>> ProduceDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topics.DeadLetters, KafkaRecordTypes.DeadLetter, deadLetter, cancellationToken);

    /// <summary>Records on the control topic that a round started.</summary>
    public Task<DeliveryResult<string, byte[]>> ProduceControlAsync(RoundStarted record, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topics.Control, KafkaRecordTypes.RoundStarted, record, cancellationToken);

    /// <summary>Records on the control topic that a round's generation is complete.</summary>
    public Task<DeliveryResult<string, byte[]>> ProduceControlAsync(RoundGenerationComplete record, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topics.Control, KafkaRecordTypes.RoundGenerationComplete, record, cancellationToken);

    /// <summary>Records on the control topic that a checkpoint was published.</summary>
    public Task<DeliveryResult<string, byte[]>> ProduceControlAsync(CheckpointPublished record, CancellationToken cancellationToken = default) =>
        ProduceAsync(Topics.Control, KafkaRecordTypes.CheckpointPublished, record, cancellationToken);

    /// <summary>Waits until every enqueued message is delivered or failed; returns how many are still queued.</summary>
    public int Flush(TimeSpan timeout) => producer.Flush(timeout);

    /// <summary>Starts a transaction.</summary>
    /// <exception cref="InvalidOperationException">Transactions are off.</exception>
    public void BeginTransaction()
    {
        RequireTransactions();
        producer.BeginTransaction();
    }

    /// <summary>Commits the current transaction (flushing its messages first).</summary>
    public void CommitTransaction()
    {
        RequireTransactions();
        producer.CommitTransaction(TransactionTimeout);
    }

    /// <summary>Aborts the current transaction; its messages are never visible to read_committed readers of a real Kafka.</summary>
    public void AbortTransaction()
    {
        RequireTransactions();
        producer.AbortTransaction(TransactionTimeout);
    }

    /// <summary>Flushes for up to ten seconds and closes the producer.</summary>
    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
    }

    private void RequireTransactions()
    {
        if (!IsTransactional) throw new InvalidOperationException("Kafka transactions are off (kafka.transactions: false)");
    }
}
