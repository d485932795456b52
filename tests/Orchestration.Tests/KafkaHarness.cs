using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Kafka.Embedded;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Orchestration.Tests;

/// <summary>An embedded broker per test plus the options and helpers of the Kafka runtime tests.</summary>
internal sealed class KafkaHarness : IDisposable
{
    public KafkaHarness(int partitions = 4, int sessionTimeoutMs = 2_000)
    {
        Cluster = EmbeddedKafkaCluster.Start(brokerCount: 1, initialRebalanceDelayMs: 0);
        Kafka = new KafkaOptions
        {
            BootstrapServers = Cluster.BootstrapServers,
            Partitions = partitions,
            SessionTimeoutMs = sessionTimeoutMs,
            MaxPollIntervalMs = Math.Max(10_000, sessionTimeoutMs * 2),
            CommitIntervalMs = 100,
            LingerMs = 2,
            BoundedReadStallTimeoutMs = 15_000,
        };
        Environment = KafkaEnvironment.Attach(Kafka, Cluster);
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public KafkaOptions Kafka { get; }

    public KafkaEnvironment Environment { get; }

    public TopicNames Topics => Environment.Topics;

    public TempDir Dir { get; } = new();

    public RunJobOptions Options(int n = 10) => Harness.Options(Dir.Path, n) with { Kafka = Kafka };

    public static IReadOnlyList<string> Ids(int count, string prefix = "p") =>
        Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D4}")).ToList();

    public async Task SeedAsync(IEnumerable<string> ids)
    {
        await Environment.EnsureBaseTopicsAsync();
        using var producer = Environment.CreateProducer();
        await Task.WhenAll(ids.Select(id => producer.ProducePromptAsync(Items.Prompt(id))));
    }

    public Task<KafkaGenerationSummary> GenerateAsync(RunJobOptions options, bool untilCaughtUp, CancellationToken stop, IPolicySampler? policy = null, IYesNoLabeler? labeler = null) =>
        KafkaGenerationJob.RunAsync(options.Stages, options.Output, Environment, options.StartPolicy, _ => Harness.Models(policy, labeler), untilCaughtUp, new PipelineMetrics(), null, stop);

    /// <summary>Every message of a topic up to its current end (no dedupe).</summary>
    public List<Confluent.Kafka.ConsumeResult<string, byte[]>> Raw(string topic) =>
        Environment.CreateReader().ReadRaw(topic, Environment.GetEndOffsets(topic)).ToList();

    /// <summary>Every record of every message of a topic up to its current end (no dedupe), with its message.</summary>
    public List<(Confluent.Kafka.ConsumeResult<string, byte[]> Message, T Record)> Rows<T>(string topic, KafkaRecordType<T> type) =>
        Raw(topic).SelectMany(m => type.DecodeAll(m).Select(r => (m, r))).ToList();

    /// <summary>Pair ids on a pairs topic, as every consumer reads them: duplicates dropped by id.</summary>
    public List<string> DistinctPairIds(string topic) =>
        Environment.CreateReader().Read(topic, KafkaRecordTypes.PreferencePair, Environment.GetEndOffsets(topic)).Select(p => p.Id).ToList();

    public ControlState Control() => new ControlTopicReader(Environment).ReadState();

    public static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

    public static async Task<List<string>> ParquetPairIdsAsync(IEnumerable<string> files)
    {
        var ids = new List<string>();
        foreach (var file in files.Where(f => f.Contains("/rlaifv/", StringComparison.Ordinal)))
            ids.AddRange((await global::Parquet.Serialization.ParquetSerializer.DeserializeAsync<RlaifV.Schemas.Datasets.RlaifvPairRow>(file)).Data.Select(r => r.PairId!));
        return ids;
    }

    public void Dispose()
    {
        Environment.Dispose();
        Cluster.Dispose();
        Dir.Dispose();
    }
}
