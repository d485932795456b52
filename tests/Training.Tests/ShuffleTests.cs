using Xunit;

namespace RlaifV.Training.Tests;

public sealed class ShuffleTests
{
    [Fact]
    public void Shuffle_SeedAndEpoch_GiveTheSamePermutationInEveryProcess()
    {
        // Pinned: .NET randomises HashCode per process, so an order seeded from it would differ from run to run (and a run
        // resumed in a new process would train other batches than an uninterrupted one).
        Assert.Equal([9, 1, 6, 7, 3, 0, 5, 4, 2, 8], DpoTrainer.Shuffle(10, 42, 0));
        Assert.NotEqual(DpoTrainer.Shuffle(10, 42, 0), DpoTrainer.Shuffle(10, 42, 1));
    }
}
