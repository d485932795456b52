using Confluent.Kafka;

namespace RlaifV.Kafka.Tests;

public class TransactionTests
{
    [Fact]
    public async Task Transactions_CommitAndAbort_CommittedVisibleAndDedupeCoversTheMock()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 2, transactions: true);
        var env = kafka.Environment;
        var topic = kafka.Topics.Pairs(4);
        await env.EnsureTopicsAsync([topic]);
        using (var producer = env.CreateProducer())
        {
            Assert.True(producer.IsTransactional);
            producer.BeginTransaction();
            for (var i = 0; i < 5; i++) await producer.ProducePairAsync(Samples.Pair($"p{i}", round: 4));
            producer.CommitTransaction();

            // A crashed attempt: its outputs are aborted and then produced again by the retry.
            producer.BeginTransaction();
            for (var i = 5; i < 8; i++) await producer.ProducePairAsync(Samples.Pair($"p{i}", round: 4));
            producer.AbortTransaction();
            producer.BeginTransaction();
            for (var i = 5; i < 8; i++) await producer.ProducePairAsync(Samples.Pair($"p{i}", round: 4));
            producer.CommitTransaction();
        }

        var end = env.GetEndOffsets(topic);
        var raw = env.CreateReader().ReadRaw(topic, end).ToList();
        var stats = new BoundedReadStats();
        var pairs = env.CreateReader().Read(topic, KafkaRecordTypes.PreferencePair, end, stats).ToList();

        // A real Kafka hides the aborted three from read_committed readers; the mock may not (it does not
        // filter aborted transactions faithfully). Either way the id dedupe yields each pair exactly once.
        Assert.InRange(raw.Count, 8, 11);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"p{i}#r4:0>1").Order(), pairs.Select(p => p.Id).Order());
        Assert.Equal(raw.Count - 8, stats.Duplicates);
    }

    [Fact]
    public void BeginTransaction_TransactionsOff_Throws()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 1);
        using var producer = kafka.Environment.CreateProducer();
        Assert.False(producer.IsTransactional);
        Assert.Throws<InvalidOperationException>(producer.BeginTransaction);
    }

    [Fact]
    public async Task Produce_TransactionalOutsideTransaction_Fails()
    {
        using var kafka = new EmbeddedKafkaFixture(partitions: 1, transactions: true);
        var topic = kafka.Topics.Pairs(0);
        await kafka.Environment.EnsureTopicsAsync([topic]);
        using var producer = kafka.Environment.CreateProducer();
        await Assert.ThrowsAnyAsync<KafkaException>(() => producer.ProducePairAsync(Samples.Pair(round: 0)));
    }
}
