using System.Runtime.InteropServices;

namespace RlaifV.Kafka.Embedded;

/// <summary>
/// An in-process Kafka: librdkafka's mock cluster, listening on localhost ports. It serves produce, fetch,
/// consumer groups, offset commits, idempotent and transactional producers. It does not serve the admin
/// CreateTopics call (use <see cref="CreateTopic"/>), does not filter aborted transactions faithfully for
/// read_committed consumers, and does not accept offsets sent in a transaction; ListConsumerGroups and
/// DescribeCluster must never be called against it (the first crashes the process, the second hangs). It
/// keeps only about 5 MB per partition. Dispose it after every client that uses it.
/// </summary>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    /// <summary>librdkafka's <c>RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS</c>.</summary>
    private const int TopicAlreadyExists = 36;

    private readonly Lock gate = new();
    private IntPtr owner;
    private IntPtr cluster;

    private EmbeddedKafkaCluster(IntPtr owner, IntPtr cluster, int brokerCount)
    {
        this.owner = owner;
        this.cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("the mock cluster reported no bootstrap servers");
    }

    /// <summary>The <c>bootstrap.servers</c> string of the cluster's brokers.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1 .. <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster of <paramref name="brokerCount"/> brokers.</summary>
    /// <param name="brokerCount">Number of brokers (ids 1 .. n).</param>
    /// <param name="initialRebalanceDelayMs">The groups' initial rebalance delay; small values make tests fast.</param>
    public static unsafe EmbeddedKafkaCluster Start(int brokerCount = 1, int initialRebalanceDelayMs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(initialRebalanceDelayMs);
        LibrdkafkaLoader.EnsureLoaded();

        // The mock cluster needs an rd_kafka_t for its bookkeeping: a producer handle with no brokers.
        var conf = LibrdkafkaNative.rd_kafka_conf_new();
        var errstr = stackalloc byte[512];
        foreach (var (key, value) in new[] { ("client.id", "rlaifv-embedded-broker"), ("log_level", "3") })
        {
            if (LibrdkafkaNative.rd_kafka_conf_set(conf, key, value, errstr, 512) != LibrdkafkaNative.ConfOk)
            {
                LibrdkafkaNative.rd_kafka_conf_destroy(conf);
                throw new InvalidOperationException($"embedded broker: setting {key}={value} failed: {Marshal.PtrToStringUTF8((IntPtr)errstr)}");
            }
        }
        var rk = LibrdkafkaNative.rd_kafka_new(LibrdkafkaNative.ProducerType, conf, errstr, 512);
        if (rk == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"embedded broker: rd_kafka_new failed: {Marshal.PtrToStringUTF8((IntPtr)errstr)}");
        }
        IntPtr mock;
        using (SignalsBlocked.Enter()) mock = LibrdkafkaNative.rd_kafka_mock_cluster_new(rk, brokerCount); // its thread inherits the mask
        if (mock == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_destroy(rk);
            throw new InvalidOperationException("embedded broker: rd_kafka_mock_cluster_new failed");
        }
        LibrdkafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(mock, initialRebalanceDelayMs);
        return new EmbeddedKafkaCluster(rk, mock, brokerCount);
    }

    /// <summary>Creates a topic; an existing topic is left as it is.</summary>
    /// <exception cref="InvalidOperationException">The mock refused the topic.</exception>
    public void CreateTopic(string topic, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (gate)
        {
            var err = LibrdkafkaNative.rd_kafka_mock_topic_create(Live(), topic, partitions, 1);
            if (err != 0 && err != TopicAlreadyExists)
                throw new InvalidOperationException($"embedded broker: creating topic '{topic}' failed: {LibrdkafkaNative.ErrorText(err)}");
        }
    }

    /// <summary>Disconnects broker <paramref name="brokerId"/> (−1: all) and refuses new connections.</summary>
    public void SetBrokerDown(int brokerId) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_down(Live(), brokerId), "set_down", brokerId);

    /// <summary>Lets broker <paramref name="brokerId"/> (−1: all) accept connections again.</summary>
    public void SetBrokerUp(int brokerId) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_up(Live(), brokerId), "set_up", brokerId);

    /// <summary>Destroys the cluster and its bookkeeping handle.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (cluster != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_mock_cluster_destroy(cluster);
                cluster = IntPtr.Zero;
            }
            if (owner != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_destroy(owner);
                owner = IntPtr.Zero;
            }
        }
    }

    private IntPtr Live()
    {
        ObjectDisposedException.ThrowIf(cluster == IntPtr.Zero, this);
        return cluster;
    }

    private static void Check(int err, string call, int brokerId)
    {
        if (err != 0)
            throw new InvalidOperationException($"embedded broker: broker_{call}({brokerId}) failed: {LibrdkafkaNative.ErrorText(err)}");
    }
}
