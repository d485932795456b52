using RlaifV.Kafka.Embedded;

namespace RlaifV.Kafka.Tests;

public class EmbeddedBrokerTests
{
    [Fact]
    public async Task Open_Embedded_StartsBrokerWithOneLibrdkafkaCopy()
    {
        using (var env = KafkaEnvironment.Open(new KafkaOptions { Partitions = 2 }))
        {
            Assert.NotNull(env.Embedded);
            Assert.Matches(@"^(127\.0\.0\.1|localhost):\d+", env.BootstrapServers);
            await env.EnsureBaseTopicsAsync();
            await env.EnsureBaseTopicsAsync(); // idempotent
            using (var producer = env.CreateProducer())
                await producer.ProducePromptAsync(Samples.Prompt());
            Assert.Equal(1, env.GetEndOffsets(env.Topics.Prompts).Sum(p => p.Offset));
            Assert.Equal(2, env.GetEndOffsets(env.Topics.Prompts).Count);
            Assert.Single(env.GetEndOffsets(env.Topics.Control));
        }
        var copies = LibrdkafkaLoader.MappedCopies();
        Assert.Single(copies);
        Assert.NotNull(LibrdkafkaLoader.LoadedName);
    }

    [Fact]
    public void CreateTopic_AfterDispose_ThrowsObjectDisposed()
    {
        var cluster = EmbeddedKafkaCluster.Start();
        cluster.Dispose();
        cluster.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("rlaifv.prompts", 1));
    }
}
