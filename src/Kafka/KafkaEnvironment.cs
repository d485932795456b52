using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RlaifV.Kafka.Embedded;
using RlaifV.Schemas.Control;

namespace RlaifV.Kafka;

/// <summary>
/// The Kafka a process talks to: a real cluster named by <see cref="KafkaOptions.BootstrapServers"/>, or the
/// embedded broker started (and owned) here when the setting is <c>embedded</c>. Creates topics (through the
/// admin API on a real cluster, through the mock API on the embedded one), reads end offsets, and makes the
/// transport's clients. Dispose it after every client it made.
/// </summary>
public sealed class KafkaEnvironment : IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(30);
    private readonly ILoggerFactory loggerFactory;
    private readonly bool ownsEmbedded;
    private readonly Lock probeGate = new();
    private IAdminClient? probe;
    private readonly Lock endsGate = new();
    private IAdminClient? metadata;
    private IConsumer<string, byte[]>? watermarks;
    private bool disposed;

    private KafkaEnvironment(KafkaOptions options, string bootstrapServers, EmbeddedKafkaCluster? embedded, bool ownsEmbedded, ILoggerFactory loggerFactory)
    {
        Options = options;
        Topics = new TopicNames(options.TopicPrefix);
        BootstrapServers = bootstrapServers;
        Embedded = embedded;
        this.ownsEmbedded = ownsEmbedded;
        this.loggerFactory = loggerFactory;
    }

    /// <summary>The settings.</summary>
    public KafkaOptions Options { get; }

    /// <summary>The naming scheme.</summary>
    public TopicNames Topics { get; }

    /// <summary>The resolved bootstrap servers (the embedded broker's ports when embedded).</summary>
    public string BootstrapServers { get; }

    /// <summary>The embedded broker, or null against a real cluster.</summary>
    public EmbeddedKafkaCluster? Embedded { get; }

    /// <summary>Validates <paramref name="options"/> and connects (starting the embedded broker when asked).</summary>
    public static KafkaEnvironment Open(KafkaOptions options, ILoggerFactory? loggerFactory = null)
    {
        options.EnsureValid();
        loggerFactory ??= NullLoggerFactory.Instance;
        if (!options.IsEmbedded)
            return new KafkaEnvironment(options, options.BootstrapServers, null, false, loggerFactory);
        var cluster = EmbeddedKafkaCluster.Start(options.EmbeddedBrokers, options.EmbeddedInitialRebalanceDelayMs);
        Log.EmbeddedStarted(loggerFactory.CreateLogger<KafkaEnvironment>(), cluster.BootstrapServers);
        return new KafkaEnvironment(options, cluster.BootstrapServers, cluster, true, loggerFactory);
    }

    /// <summary>Uses an embedded broker owned by the caller (tests share one across several environments).</summary>
    public static KafkaEnvironment Attach(KafkaOptions options, EmbeddedKafkaCluster cluster, ILoggerFactory? loggerFactory = null)
    {
        options.EnsureValid();
        return new KafkaEnvironment(options, cluster.BootstrapServers, cluster, false, loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>
    /// Creates the topics that do not exist yet, with <see cref="KafkaOptions.Partitions"/> partitions; the
    /// control topic gets one partition and compaction. On a real cluster only the missing ones are asked for: existing
    /// topics need no create permission, and a broker that cannot create topics through the admin API (librdkafka's
    /// mock cluster hosted by another process, as in the crash tests) works once its topics exist.
    /// </summary>
    public async Task EnsureTopicsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        var wanted = topics.Distinct(StringComparer.Ordinal).ToList();
        foreach (var t in wanted) TopicNames.Validate(t);
        if (Embedded is not null)
        {
            foreach (var t in wanted) Embedded.CreateTopic(t, Spec(t).NumPartitions);
            return;
        }
        using var admin = new AdminClientBuilder(ClientConfigs.Admin(Options, BootstrapServers)).Build();
        var existing = admin.GetMetadata(MetadataTimeout).Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Where(t => !existing.Contains(t)).Select(Spec).ToList();
        if (missing.Count == 0) return;
        try
        {
            await admin.CreateTopicsAsync(missing).WaitAsync(cancellationToken);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Already there: topics are created once and kept.
        }
    }

    /// <summary>Creates the prompts, DLQ and control topics.</summary>
    public Task EnsureBaseTopicsAsync(CancellationToken cancellationToken = default) =>
        EnsureTopicsAsync([Topics.Prompts, Topics.DeadLetters, Topics.Control], cancellationToken);

    /// <summary>Creates round <paramref name="round"/>'s candidates, verdicts and pairs topics, and its in-flight journal.</summary>
    public Task EnsureRoundTopicsAsync(int round, CancellationToken cancellationToken = default) =>
        EnsureTopicsAsync([.. Topics.RoundTopics(round), Topics.InFlight(round)], cancellationToken);

    /// <summary>
    /// The current end offset (high watermark) of every partition of <paramref name="topic"/>, for recording a
    /// round's end in <see cref="RoundGenerationComplete"/> after the producers flushed.
    /// </summary>
    public IReadOnlyList<PartitionOffset> GetEndOffsets(string topic)
    {
        // Two long-lived clients (a metadata client and a consumer that never joins a group or reads) serve every caller:
        // a client made and destroyed per call cost a connection and two threads each time, and this is asked several
        // times a round (control reads, round boundaries, the lag gauge every few seconds).
        lock (endsGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var log = loggerFactory.CreateLogger<KafkaEnvironment>();
            metadata ??= new AdminClientBuilder(ClientConfigs.Admin(Options, BootstrapServers)).SetLogHandler((_, m) => ClientConfigs.RouteLog(log, "metadata", m)).Build();
            watermarks ??= new ConsumerBuilder<string, byte[]>(ClientConfigs.Reader(Options, BootstrapServers)).SetLogHandler((_, m) => ClientConfigs.RouteLog(log, "watermarks", m)).Build();
            var meta = metadata.GetMetadata(topic, MetadataTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
            if (meta is null || meta.Error.IsError || meta.Partitions.Count == 0)
                throw new InvalidOperationException($"topic '{topic}' is unknown to the cluster ({meta?.Error.Reason ?? "no metadata"})");
            return Enumerable.Range(0, meta.Partitions.Count)
                .Select(p => new PartitionOffset
                {
                    Partition = p,
                    Offset = watermarks.QueryWatermarkOffsets(new TopicPartition(topic, p), MetadataTimeout).High.Value,
                })
                .ToList();
        }
    }

    /// <summary>
    /// Whether a broker answers a metadata request within <paramref name="timeout"/> (readiness): false when none does.
    /// </summary>
    public bool BrokerAnswers(TimeSpan timeout)
    {
        // One long-lived client: it reconnects by itself when the broker is back, where a client made and destroyed per
        // question could hang in its destruction while the broker does not answer.
        lock (probeGate)
        {
            probe ??= new AdminClientBuilder(ClientConfigs.Admin(Options, BootstrapServers)).SetLogHandler((_, _) => { }).Build();
            try
            {
                return probe.GetMetadata(timeout).Brokers.Count > 0;
            }
            catch (KafkaException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Consumer lag of group <paramref name="groupId"/> on <paramref name="topic"/>, per partition: the high watermark
    /// minus the group's committed offset (the whole partition when the group committed nothing there).
    /// </summary>
    public IReadOnlyList<PartitionOffset> Lag(string groupId, string topic, CancellationToken cancellationToken = default)
    {
        var ends = GetEndOffsets(topic);
        using var offsets = CreateGroupOffsets(groupId);
        var committed = offsets.Committed(topic, ends.Select(e => e.Partition), cancellationToken);
        return ends.Select(e => new PartitionOffset { Partition = e.Partition, Offset = Math.Max(0, e.Offset - Math.Max(0, committed.GetValueOrDefault(e.Partition, -1))) }).ToList();
    }

    /// <summary>
    /// Creates the topics of a whole run up front: the base topics and rounds 0 .. <paramref name="rounds"/> − 1's topics.
    /// What a broker that cannot create topics through the admin API (<c>rlaifv broker</c>, librdkafka's mock cluster) is
    /// given at start so that roles in other processes find every topic they use.
    /// </summary>
    public async Task EnsureRunTopicsAsync(int rounds, CancellationToken cancellationToken = default)
    {
        await EnsureBaseTopicsAsync(cancellationToken);
        for (int r = 0; r < rounds; r++) await EnsureRoundTopicsAsync(r, cancellationToken);
    }

    /// <summary>A reader of consumer group <paramref name="groupId"/>'s committed offsets that never joins the group.</summary>
    public GroupOffsets CreateGroupOffsets(string groupId) => new(Options, BootstrapServers, groupId);

    /// <summary>A producer for this cluster.</summary>
    public RecordProducer CreateProducer(KafkaOptions? overrides = null) =>
        new(overrides ?? Options, BootstrapServers, loggerFactory.CreateLogger<RecordProducer>());

    /// <summary>A manual-offset group consumer of <paramref name="topics"/>.</summary>
    public TrackedConsumer CreateConsumer(string groupId, IEnumerable<string> topics) =>
        new(Options, BootstrapServers, groupId, topics, loggerFactory.CreateLogger<TrackedConsumer>());

    /// <summary>A reader of bounded offset ranges.</summary>
    public BoundedTopicReader CreateReader() =>
        new(Options, BootstrapServers, loggerFactory.CreateLogger<BoundedTopicReader>());

    private TopicSpecification Spec(string topic)
    {
        var control = topic == Topics.Control;
        var compacted = control || topic.EndsWith(".inflight", StringComparison.Ordinal);
        return new TopicSpecification
        {
            Name = topic,
            NumPartitions = control ? 1 : Options.Partitions,
            ReplicationFactor = Options.ReplicationFactor,
            Configs = compacted ? new Dictionary<string, string> { ["cleanup.policy"] = "compact" } : null,
        };
    }

    /// <summary>Stops the embedded broker when this environment started it.</summary>
    public void Dispose()
    {
        lock (probeGate)
        {
            probe?.Dispose();
            probe = null;
        }
        lock (endsGate)
        {
            disposed = true;
            watermarks?.Close();
            watermarks?.Dispose();
            watermarks = null;
            metadata?.Dispose();
            metadata = null;
        }
        if (ownsEmbedded) Embedded?.Dispose();
    }
}
