using Confluent.Kafka;

namespace RlaifV.Kafka.Tests;

public class OffsetTrackerTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);

    [Fact]
    public void Committable_OnlyPartitionsThatMoved()
    {
        var tracker = new OffsetTracker();
        var a = tracker.Register(new TopicPartitionOffset(P0, 0));
        tracker.Register(new TopicPartitionOffset(P1, 5));
        Assert.Empty(tracker.Committable());
        tracker.MarkDone(a);
        var committable = tracker.Committable();
        Assert.Equal([new TopicPartitionOffset(P0, 1)], committable);
        tracker.MarkCommitted(committable);
        Assert.Empty(tracker.Committable());
        Assert.Equal(1, tracker.InFlight);
    }

    [Fact]
    public void Committable_OutOfOrderAcrossPartitions_EachStopsAtItsUnfinishedWork()
    {
        var tracker = new OffsetTracker();
        var p0 = Enumerable.Range(0, 4).Select(o => tracker.Register(new TopicPartitionOffset(P0, o))).ToList();
        var p1 = Enumerable.Range(10, 3).Select(o => tracker.Register(new TopicPartitionOffset(P1, o))).ToList();
        tracker.MarkDone(p0[1]);
        tracker.MarkDone(p0[0]);
        tracker.MarkDone(p0[3]);
        tracker.MarkDone(p1[2]);
        var byPartition = tracker.Committable().ToDictionary(t => t.Partition.Value, t => t.Offset.Value);
        Assert.Equal(2, byPartition[0]);
        Assert.False(byPartition.ContainsKey(1));
    }

    [Fact]
    public void Committable_FilteredToGivenPartitions()
    {
        var tracker = new OffsetTracker();
        tracker.MarkDone(tracker.Register(new TopicPartitionOffset(P0, 0)));
        tracker.MarkDone(tracker.Register(new TopicPartitionOffset(P1, 0)));
        Assert.Equal([new TopicPartitionOffset(P1, 1)], tracker.Committable([P1]));
    }

    [Fact]
    public void MarkDone_TokenFromForgottenAssignment_IsIgnored()
    {
        var tracker = new OffsetTracker();
        var old = tracker.Register(new TopicPartitionOffset(P0, 7));
        tracker.Forget([P0]);
        Assert.False(tracker.MarkDone(old));
        var fresh = tracker.Register(new TopicPartitionOffset(P0, 7));
        Assert.NotEqual(old.Generation, fresh.Generation);
        Assert.False(tracker.MarkDone(old));
        Assert.Empty(tracker.Committable());
        Assert.True(tracker.MarkDone(fresh));
        Assert.Equal(8, tracker.Committable().Single().Offset.Value);
    }

    [Fact]
    public async Task MarkDone_ManyThreads_CommitsEverything()
    {
        var tracker = new OffsetTracker();
        var tokens = Enumerable.Range(0, 10_000).Select(o => tracker.Register(new TopicPartitionOffset(P0, o))).ToList();
        await Task.WhenAll(tokens.Chunk(1000).Select(chunk => Task.Run(() =>
        {
            foreach (var t in chunk.Reverse()) tracker.MarkDone(t);
        })));
        Assert.Equal(10_000, tracker.Committable().Single().Offset.Value);
        Assert.Equal(0, tracker.InFlight);
    }
}
