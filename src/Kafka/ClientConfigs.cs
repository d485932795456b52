using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>The librdkafka settings of the transport's clients, in one place.</summary>
internal static class ClientConfigs
{
    public static ProducerConfig Producer(KafkaOptions options, string bootstrapServers, string? transactionalId) => Over(options, new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        ClientId = options.ClientId,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = options.LingerMs,
        MessageTimeoutMs = options.MessageTimeoutMs,
        TransactionalId = transactionalId,
        // librdkafka requires message.timeout.ms <= transaction.timeout.ms.
        TransactionTimeoutMs = transactionalId is null ? null : options.MessageTimeoutMs,
        ReconnectBackoffMs = 100,
        ReconnectBackoffMaxMs = 1_000,
    });

    public static ConsumerConfig GroupConsumer(KafkaOptions options, string bootstrapServers, string groupId) => Over(options, new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        ClientId = options.ClientId,
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        IsolationLevel = IsolationLevel.ReadCommitted,
        SessionTimeoutMs = options.SessionTimeoutMs,
        HeartbeatIntervalMs = Math.Max(100, options.SessionTimeoutMs / 3),
        MaxPollIntervalMs = options.MaxPollIntervalMs,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        ReconnectBackoffMs = 100,
        ReconnectBackoffMaxMs = 1_000,
    });

    /// <summary>An assign-only reader: never joins a group, never commits.</summary>
    public static ConsumerConfig Reader(KafkaOptions options, string bootstrapServers) => Over(options, new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        ClientId = options.ClientId,
        GroupId = "rlaifv-reader-" + Guid.NewGuid().ToString("N"),
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        EnablePartitionEof = true,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        IsolationLevel = IsolationLevel.ReadCommitted,
        ReconnectBackoffMs = 100,
        ReconnectBackoffMaxMs = 1_000,
    });

    /// <summary>
    /// A client with a group's id that never joins it (no subscription, no assignment): it only fetches and sets the
    /// group's committed offsets.
    /// </summary>
    public static ConsumerConfig GroupOffsets(KafkaOptions options, string bootstrapServers, string groupId) => Over(options, new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
        ClientId = options.ClientId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
    });

    public static AdminClientConfig Admin(KafkaOptions options, string bootstrapServers) => Over(options, new AdminClientConfig
    {
        BootstrapServers = bootstrapServers,
        ClientId = options.ClientId,
    });

    /// <summary>
    /// Applies <see cref="KafkaOptions.Properties"/> over the derived settings, as they are: what a real cluster needs
    /// (security, SASL, TLS) and any tuning the derived settings lack.
    /// </summary>
    private static T Over<T>(KafkaOptions options, T config)
        where T : ClientConfig
    {
        foreach (var (key, value) in options.Properties) config.Set(key, value);
        return config;
    }

    /// <summary>Routes librdkafka's own log lines to <paramref name="logger"/> at debug level.</summary>
    public static void RouteLog(Microsoft.Extensions.Logging.ILogger logger, string client, LogMessage m) =>
        Log.LibrdkafkaLog(logger, client, m.Facility, m.Message);
}
