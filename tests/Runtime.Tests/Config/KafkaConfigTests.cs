using RlaifV.Runtime.Config;
using RlaifV.Stages.Options;

namespace RlaifV.Runtime.Tests;

public class KafkaConfigTests
{
    [Fact]
    public void Parse_KafkaSection_BindsAndDefaultsToTheEmbeddedBroker()
    {
        Assert.True(ConfigLoader.Parse(string.Empty).Kafka.IsEmbedded);
        var o = ConfigLoader.Parse("input:\n  source: kafka\nkafka:\n  bootstrap_servers: k1:9092,k2:9092\n  topic_prefix: lab\n  replication_factor: 3\n  transactions: true\n  transactional_id: gen-1\n");
        Assert.Equal((InputSource.Kafka, "k1:9092,k2:9092", "lab", (short)3, true), (o.Input.Source, o.Kafka.BootstrapServers, o.Kafka.TopicPrefix, o.Kafka.ReplicationFactor, o.Kafka.Transactions));
    }

    [Fact]
    public void Parse_BadKafkaValues_ListedInTheUsualWording()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("input:\n  source: topic\nkafka:\n  topic_prefix: Bad_Prefix\n  partitions: 0\n  transactions: true\n"));
        Assert.Contains("input.source = topic: allowed is one of file, kafka", e.Message);
        Assert.Contains("kafka.topic_prefix = Bad_Prefix: allowed is lower-case letters", e.Message);
        Assert.Contains("kafka.partitions = 0: allowed is 1..10000", e.Message);
        Assert.Contains("kafka.transactional_id = : allowed is a non-empty id when transactions are on", e.Message);
        Assert.Contains("kafka.bootstap", Assert.Throws<ConfigException>(() => ConfigLoader.Parse("kafka:\n  bootstap: x\n")).Message);
    }
}
