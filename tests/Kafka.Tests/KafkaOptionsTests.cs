namespace RlaifV.Kafka.Tests;

public class KafkaOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValidAndEmbedded()
    {
        var options = new KafkaOptions();
        Assert.Empty(options.Validate());
        Assert.True(options.IsEmbedded);
        Assert.False(options.Transactions);
        Assert.Equal("rlaifv", options.TopicPrefix);
    }

    [Fact]
    public void Validate_BadValues_NameKeyAndValue()
    {
        var options = new KafkaOptions { Partitions = 0, TopicPrefix = "Bad_Prefix", Transactions = true, SessionTimeoutMs = 10, MaxBatchBytes = 100 };
        var errors = options.Validate();
        Assert.Contains(errors, e => e.StartsWith("kafka.partitions: value '0'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("kafka.topic_prefix: value 'Bad_Prefix'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("kafka.transactional_id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("kafka.session_timeout_ms: value '10'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("kafka.max_batch_bytes: value '100'", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(options.EnsureValid);
    }

    [Fact]
    public void IsEmbedded_RealServers_False()
    {
        Assert.False(new KafkaOptions { BootstrapServers = "kafka-1:9092,kafka-2:9092" }.IsEmbedded);
        Assert.True(new KafkaOptions { BootstrapServers = " Embedded " }.IsEmbedded);
    }
}
