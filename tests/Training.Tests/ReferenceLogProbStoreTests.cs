using RlaifV.Stages.Ports;
using Xunit;

namespace RlaifV.Training.Tests;

public sealed class ReferenceLogProbStoreTests
{
    [Fact]
    public void ToJson_RoundTrip_KeepsReleasedLayout()
    {
        var logps = new ReferenceLogProbs(new ResponseLogProbs(-3.5, [-1f, -2.5f]), new ResponseLogProbs(-6, [-1f, -2f, -3f]));
        string json = logps.ToJson();
        Assert.Equal("[-3.5,-1.75,[-1,-2.5],-6,-2,[-1,-2,-3]]", json);
        var back = ReferenceLogProbs.TryParse(json)!;
        Assert.Equal(-3.5, back.Chosen.Sum);
        Assert.Equal([-1f, -2f, -3f], back.Rejected.PerToken);
        Assert.Null(ReferenceLogProbs.TryParse("{\"x\":1}"));
        Assert.Null(ReferenceLogProbs.TryParse("not json"));
    }

    [Fact]
    public async Task SaveAsync_ThenLoad_ReturnsOnlyThisReferencesValues()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            var logps = new ReferenceLogProbs(new ResponseLogProbs(-1, [-1f]), new ResponseLogProbs(-2, [-2f]));
            var store = new ReferenceLogProbStore(dir, new string('a', 64));
            await store.SaveAsync(new Dictionary<string, ReferenceLogProbs> { ["p1"] = logps }, CancellationToken.None);
            var loaded = await store.LoadAsync(CancellationToken.None);
            Assert.Equal(-2, loaded["p1"].Rejected.Sum);
            var other = new ReferenceLogProbStore(dir, new string('b', 64));
            Assert.Empty(await other.LoadAsync(CancellationToken.None));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
