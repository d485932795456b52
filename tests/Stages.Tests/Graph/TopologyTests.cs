using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.TestKit;

namespace RlaifV.Stages.Tests.Graph;

public class TopologyTests
{
    [Fact]
    public async Task Run_SlowSink_InFlightNeverExceedsSumOfCapacities()
    {
        var options = Graphs.Stages(n: 4);
        var metrics = new PipelineMetrics();
        var accounting = new PromptAccounting(metrics);
        var sink = new MemoryResultSink(TimeSpan.FromMilliseconds(5));
        using var abort = new CancellationTokenSource();
        var topology = Topology.Build(options, Graphs.Models(), sink, new DeadLetters(new MemoryDeadLetterSink(), metrics), accounting, metrics, abort.Token);
        var source = new MemorySource(Enumerable.Range(0, 600).Select(i => Items.Ingest($"p{i}", i)));
        await PipelineRunner.RunAsync(source, topology, accounting, abort, CancellationToken.None);

        Assert.Equal(600, sink.Results.Count);
        Assert.True(accounting.MaxInFlight <= topology.Capacity, $"max in flight {accounting.MaxInFlight} > capacity {topology.Capacity}");
        Assert.True(accounting.MaxInFlight < 600 / 2, $"the source should have been held back, max in flight {accounting.MaxInFlight}");
    }
}
