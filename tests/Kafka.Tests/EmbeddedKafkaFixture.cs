using RlaifV.Kafka.Embedded;

namespace RlaifV.Kafka.Tests;

/// <summary>An embedded broker per test, with options tuned for fast group operations; disposed after the test.</summary>
internal sealed class EmbeddedKafkaFixture : IDisposable
{
    public EmbeddedKafkaFixture(int partitions = 4, bool transactions = false)
    {
        Cluster = EmbeddedKafkaCluster.Start(brokerCount: 1, initialRebalanceDelayMs: 0);
        Options = new KafkaOptions
        {
            BootstrapServers = Cluster.BootstrapServers,
            Partitions = partitions,
            SessionTimeoutMs = 6_000,
            MaxPollIntervalMs = 10_000,
            CommitIntervalMs = 100,
            LingerMs = 2,
            BoundedReadStallTimeoutMs = 10_000,
            Transactions = transactions,
            TransactionalId = transactions ? "rlaifv-test-tx-" + Guid.NewGuid().ToString("N") : null,
        };
        Environment = KafkaEnvironment.Attach(Options, Cluster);
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public KafkaOptions Options { get; }

    public KafkaEnvironment Environment { get; }

    public TopicNames Topics => Environment.Topics;

    public void Dispose()
    {
        Environment.Dispose();
        Cluster.Dispose();
    }
}
