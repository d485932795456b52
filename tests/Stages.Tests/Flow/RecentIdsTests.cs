using RlaifV.Stages.Flow;

namespace RlaifV.Stages.Tests.Flow;

public class RecentIdsTests
{
    [Fact]
    public void Add_PastCapacity_ForgetsTheOldestAndNeverGrows()
    {
        var ids = new RecentIds(3);
        Assert.True(ids.Add("a"));
        Assert.False(ids.Add("a"));
        Assert.True(ids.Add("b"));
        Assert.True(ids.Add("c"));
        Assert.True(ids.Add("d")); // "a" is forgotten
        Assert.Equal(3, ids.Count);
        Assert.False(ids.Contains("a"));
        Assert.False(ids.Add("b"));
        Assert.True(ids.Add("a")); // outside the window: new again
        Assert.Equal(3, ids.Count);
        for (var i = 0; i < 10_000; i++) ids.Add($"x{i}");
        Assert.Equal(3, ids.Count);
    }
}
