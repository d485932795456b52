namespace RlaifV.Kafka.Tests;

public class PartitionOffsetTrackerTests
{
    [Fact]
    public void CommittableOffset_NothingRegistered_IsNull()
    {
        Assert.Null(new PartitionOffsetTracker().CommittableOffset);
    }

    [Fact]
    public void CommittableOffset_RegisteredNotDone_IsFirstOffset()
    {
        var t = new PartitionOffsetTracker();
        t.Register(10);
        t.Register(11);
        Assert.Equal(10, t.CommittableOffset);
        Assert.Equal(2, t.InFlight);
    }

    [Fact]
    public void CommittableOffset_AllDoneInOrder_IsOnePastLast()
    {
        var t = new PartitionOffsetTracker();
        for (var o = 0; o < 5; o++) t.Register(o);
        for (var o = 0; o < 5; o++) Assert.True(t.MarkDone(o));
        Assert.Equal(5, t.CommittableOffset);
        Assert.Equal(0, t.InFlight);
    }

    [Fact]
    public void CommittableOffset_OutOfOrderCompletion_NeverPassesUnfinishedWork()
    {
        var t = new PartitionOffsetTracker();
        for (var o = 0; o < 6; o++) t.Register(o);
        t.MarkDone(3);
        t.MarkDone(5);
        t.MarkDone(1);
        Assert.Equal(0, t.CommittableOffset);
        t.MarkDone(0);
        Assert.Equal(2, t.CommittableOffset);
        t.MarkDone(2);
        Assert.Equal(4, t.CommittableOffset);
        t.MarkDone(4);
        Assert.Equal(6, t.CommittableOffset);
    }

    [Fact]
    public void CommittableOffset_GapsInOffsets_SkipsToNextRegistered()
    {
        var t = new PartitionOffsetTracker();
        t.Register(3);
        t.Register(7);
        t.Register(20);
        t.MarkDone(3);
        Assert.Equal(7, t.CommittableOffset);
        t.MarkDone(20);
        Assert.Equal(7, t.CommittableOffset);
        t.MarkDone(7);
        Assert.Equal(21, t.CommittableOffset);
    }

    [Fact]
    public void MarkDone_UnknownOrTwice_ReturnsFalse()
    {
        var t = new PartitionOffsetTracker();
        t.Register(1);
        Assert.False(t.MarkDone(0));
        Assert.False(t.MarkDone(2));
        Assert.True(t.MarkDone(1));
        Assert.False(t.MarkDone(1));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public void Register_NotIncreasing_Throws(long second)
    {
        var t = new PartitionOffsetTracker();
        t.Register(5);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Register(second));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionOffsetTracker().Register(-1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CommittableOffset_RandomCompletionOrder_AlwaysLowestUnfinished(int seed)
    {
        var random = new Random(seed);
        var t = new PartitionOffsetTracker();
        var offsets = new List<long>();
        long next = 100;
        for (var i = 0; i < 500; i++)
        {
            next += random.Next(1, 4);
            offsets.Add(next);
            t.Register(next);
        }
        var unfinished = new SortedSet<long>(offsets);
        foreach (var o in offsets.OrderBy(_ => random.Next()))
        {
            t.MarkDone(o);
            unfinished.Remove(o);
            var expected = unfinished.Count > 0 ? unfinished.Min : offsets[^1] + 1;
            Assert.Equal(expected, t.CommittableOffset);
        }
    }
}
