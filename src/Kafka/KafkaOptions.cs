namespace RlaifV.Kafka;

/// <summary>
/// Settings of the Kafka transport (the <c>kafka:</c> section of pipeline.yaml). Every property has a
/// documented default; <see cref="Validate"/> lists every bad setting with its key, value and what is
/// allowed.
/// </summary>
public sealed record KafkaOptions
{
    /// <summary>The value of <see cref="BootstrapServers"/> that starts the in-process embedded broker.</summary>
    public const string Embedded = "embedded";

    /// <summary>
    /// <c>host:port[,host:port...]</c> of a Kafka cluster, or <c>embedded</c> (default) to start
    /// librdkafka's mock cluster inside this process.
    /// </summary>
    public string BootstrapServers { get; init; } = Embedded;

    /// <summary>First component of every topic name (default <c>rlaifv</c>): lower-case letters, digits, dashes.</summary>
    public string TopicPrefix { get; init; } = "rlaifv";

    /// <summary>Partitions of topics this process creates (default 6). Existing topics keep theirs.</summary>
    public int Partitions { get; init; } = 6;

    /// <summary>Replication factor of created topics on a real cluster (default 1; the embedded broker uses 1).</summary>
    public short ReplicationFactor { get; init; } = 1;

    /// <summary>Number of brokers of the embedded cluster (default 1).</summary>
    public int EmbeddedBrokers { get; init; } = 1;

    /// <summary>
    /// Wrap outputs in Kafka transactions (default false). Correctness never depends on it: every output
    /// carries a deterministic id and every reader drops duplicates.
    /// </summary>
    public bool Transactions { get; init; }

    /// <summary>Transactional id of the producer when <see cref="Transactions"/> is on; must be stable per generator instance.</summary>
    public string? TransactionalId { get; init; }

    /// <summary>Client id reported to the brokers (default <c>rlaifv</c>).</summary>
    public string ClientId { get; init; } = "rlaifv";

    /// <summary>Images whose encoded bytes exceed this travel by reference (URI + sha256) only (default 256 KiB).</summary>
    public int InlineImageMaxBytes { get; init; } = 256 * 1024;

    /// <summary>Consumer-group session timeout in milliseconds (default 45000; tests use about 6000).</summary>
    public int SessionTimeoutMs { get; init; } = 45_000;

    /// <summary>Longest time between polls before the group evicts a consumer, in milliseconds (default 300000).</summary>
    public int MaxPollIntervalMs { get; init; } = 300_000;

    /// <summary>How often a consumer commits the offsets of finished work, in milliseconds (default 1000).</summary>
    public int CommitIntervalMs { get; init; } = 1_000;

    /// <summary>
    /// A prompt's candidates, verdicts and pairs each travel as one message (one Arrow record batch) while
    /// its value stays within this many bytes (default 524288 = 512 KiB, well under Kafka's default 1 MB
    /// message limit); a larger group, for example many pairs with inline images, is split over several
    /// messages. A single record is never split.
    /// </summary>
    public int MaxBatchBytes { get; init; } = 512 * 1024;

    /// <summary>Producer batching delay in milliseconds (default 5).</summary>
    public int LingerMs { get; init; } = 5;

    /// <summary>
    /// How long a produced message may wait for delivery, retries included, in milliseconds (default
    /// 300000): a broker outage shorter than this loses nothing.
    /// </summary>
    public int MessageTimeoutMs { get; init; } = 300_000;

    /// <summary>Group initial rebalance delay of the embedded broker in milliseconds (default 0).</summary>
    public int EmbeddedInitialRebalanceDelayMs { get; init; }

    /// <summary>
    /// How long a bounded read waits for a partition to reach its recorded end offset before failing, in
    /// milliseconds (default 60000).
    /// </summary>
    public int BoundedReadStallTimeoutMs { get; init; } = 60_000;

    /// <summary>
    /// A prompt that was in flight (sent to a model, not finished) when generators exited uncleanly this many times is
    /// dead-lettered with reason <c>poison</c> and its offset passed (default 3). After its first such exit a prompt is
    /// processed alone, so only the prompt that really crashes a generator collects further strikes.
    /// </summary>
    public int PoisonAfter { get; init; } = 3;

    /// <summary>
    /// librdkafka settings passed to every client as they are, applied over the settings RlaifV derives (default none):
    /// what a real cluster needs, e.g. <c>security.protocol</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>,
    /// <c>sasl.password</c> (write <c>${NAME}</c> to take it from the environment), <c>ssl.ca.location</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>True when <see cref="BootstrapServers"/> asks for the embedded broker.</summary>
    public bool IsEmbedded => string.Equals(BootstrapServers.Trim(), Embedded, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every invalid setting, as <c>kafka.key: value 'x' is invalid; allowed: ...</c>; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string key, object? value, string allowed)
        {
            if (!ok) errors.Add($"kafka.{key}: value '{value}' is invalid; allowed: {allowed}");
        }

        Check(!string.IsNullOrWhiteSpace(BootstrapServers), "bootstrap_servers", BootstrapServers, "'embedded' or host:port[,host:port...]");
        Check(TopicNames.IsValidComponent(TopicPrefix), "topic_prefix", TopicPrefix, "lower-case letters, digits and dashes, starting with a letter");
        Check(Partitions is >= 1 and <= 10_000, "partitions", Partitions, "1..10000");
        Check(ReplicationFactor >= 1, "replication_factor", ReplicationFactor, ">= 1");
        Check(EmbeddedBrokers is >= 1 and <= 16, "embedded_brokers", EmbeddedBrokers, "1..16");
        Check(!Transactions || !string.IsNullOrWhiteSpace(TransactionalId), "transactional_id", TransactionalId, "a non-empty id when transactions are on");
        Check(!string.IsNullOrWhiteSpace(ClientId), "client_id", ClientId, "a non-empty string");
        Check(InlineImageMaxBytes >= 0, "inline_image_max_bytes", InlineImageMaxBytes, ">= 0");
        Check(SessionTimeoutMs is >= 1_000 and <= 3_600_000, "session_timeout_ms", SessionTimeoutMs, "1000..3600000");
        Check(MaxPollIntervalMs >= SessionTimeoutMs, "max_poll_interval_ms", MaxPollIntervalMs, ">= session_timeout_ms");
        Check(CommitIntervalMs is >= 10 and <= 600_000, "commit_interval_ms", CommitIntervalMs, "10..600000");
        Check(MaxBatchBytes is >= 1_024 and <= 100_000_000, "max_batch_bytes", MaxBatchBytes, "1024..100000000");
        Check(LingerMs is >= 0 and <= 60_000, "linger_ms", LingerMs, "0..60000");
        Check(MessageTimeoutMs >= 1_000, "message_timeout_ms", MessageTimeoutMs, ">= 1000");
        Check(EmbeddedInitialRebalanceDelayMs >= 0, "embedded_initial_rebalance_delay_ms", EmbeddedInitialRebalanceDelayMs, ">= 0");
        Check(PoisonAfter is >= 1 and <= 1_000, "poison_after", PoisonAfter, "1..1000");
        foreach (var key in Properties.Keys)
            Check(key.Length > 0 && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_'), "properties", key, "librdkafka setting names (lower-case, dotted)");
        Check(BoundedReadStallTimeoutMs >= 100, "bounded_read_stall_timeout_ms", BoundedReadStallTimeoutMs, ">= 100");
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }
}
