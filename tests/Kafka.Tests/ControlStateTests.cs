namespace RlaifV.Kafka.Tests;

public class ControlStateTests
{
    [Fact]
    public void Fold_RepeatedEvents_LatestOfEachKindWins()
    {
        var state = ControlState.Fold(
        [
            Samples.Started(0, "file:///a"),
            Samples.Complete(0, 5),
            Samples.Started(0, "file:///b"),
            Samples.Checkpoint(0),
            Samples.Complete(0, 8),
        ]);
        var r0 = state.Round(0)!;
        Assert.Equal("file:///b", r0.Started!.PolicyUri);
        Assert.Equal(8, r0.GenerationComplete!.PairCount);
        Assert.Equal("file:///ckpt/r1", r0.CheckpointPublished!.Uri);
        Assert.True(r0.IsGenerationComplete);
    }

    [Fact]
    public void PolicyFor_RoundNotStarted_FallsBackToPreviousRoundsCheckpoint()
    {
        var state = ControlState.Fold([Samples.Started(0, "file:///r0"), Samples.Checkpoint(0, "file:///r1")]);
        Assert.Equal(("file:///r0", new string('b', 64)), state.PolicyFor(0));
        Assert.Equal(("file:///r1", new string('c', 64)), state.PolicyFor(1));
        Assert.Null(state.PolicyFor(2));
        Assert.Equal(0, state.LatestStarted!.Round);
        state = state.Apply(Samples.Started(1, "file:///r1-explicit"));
        Assert.Equal("file:///r1-explicit", state.PolicyFor(1)!.Value.Uri);
        Assert.Equal(1, state.LatestStarted!.Round);
    }

    [Fact]
    public void Apply_IsPure_OldStateUnchanged()
    {
        var before = ControlState.Empty.Apply(Samples.Started(2));
        var after = before.Apply(Samples.Complete(2));
        Assert.Null(before.Round(2)!.GenerationComplete);
        Assert.NotNull(after.Round(2)!.GenerationComplete);
        Assert.Empty(ControlState.Empty.Rounds);
    }

    [Fact]
    public void Apply_NotAControlRecord_Throws()
    {
        Assert.Throws<ArgumentException>(() => ControlState.Empty.Apply(Samples.Pair()));
    }
}
