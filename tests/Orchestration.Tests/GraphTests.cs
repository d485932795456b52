using Parquet.Serialization;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sinks;
using RlaifV.TestKit;

namespace RlaifV.Orchestration.Tests;

public class GraphTests
{
    [Fact]
    public async Task Run_200PromptsN10_ProducesExactlyThePredictedPairs()
    {
        using var dir = new TempDir();
        var options = Harness.Options(dir.Path);
        var ids = Enumerable.Range(0, 200).Select(i => $"p{i:D3}").ToList();
        var source = new MemorySource(ids.Select((id, i) => Items.Ingest(id, i + 1)));
        var summary = await GenerationJob.RunAsync(options.Stages, options.Output, Harness.Models(), source, new PipelineMetrics(), null, CancellationToken.None);

        var expected = Harness.ExpectedPairIds(ids, options);
        Assert.True(expected.Count > 250, $"the doubles should give plenty of pairs, got {expected.Count}");
        Assert.Equal(200, summary.Processed);
        Assert.Equal(expected.Count, summary.Pairs);
        var rlaifv = new List<RlaifvPairRow>();
        var trl = new List<TrlPairRow>();
        foreach (var file in summary.Files)
        {
            if (file.Contains("/rlaifv/", StringComparison.Ordinal)) rlaifv.AddRange((await ParquetSerializer.DeserializeAsync<RlaifvPairRow>(file)).Data);
            else trl.AddRange((await ParquetSerializer.DeserializeAsync<TrlPairRow>(file)).Data);
        }
        Assert.Equal(expected, rlaifv.Select(r => r.PairId));
        Assert.Equal(expected, trl.Select(r => r.PairId));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Run_LabelerDown_FaultsWithStageKeyAndCause()
    {
        using var dir = new TempDir();
        var source = new MemorySource(Enumerable.Range(0, 5000).Select(i => Items.Ingest($"p{i}", i)));
        var task = GenerationJob.RunAsync(Graphs.Stages(n: 2), Graphs.Output(dir.Path), Harness.Models(labeler: new ColourLabeler(failAll: true)), source, new PipelineMetrics(), null, CancellationToken.None);
        var e = await Assert.ThrowsAsync<StageException>(() => task).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("verify", e.Stage);
        Assert.StartsWith("p", e.Key);
        Assert.Contains("labeler is down", e.Message);
        Assert.True(source.Read < 5000, "reading should stop after the fault");
    }

    [Fact]
    public async Task Run_OneQuestionTheLabelerChokesOn_IsDeadLetteredAndThePromptCompletes()
    {
        using var dir = new TempDir();
        var options = Harness.Options(dir.Path, n: 10);
        var source = new MemorySource(Enumerable.Range(0, 20).Select(i => Items.Ingest($"p{i}", i)));
        var summary = await GenerationJob.RunAsync(options.Stages, options.Output, Harness.Models(labeler: new ColourLabeler(failOn: "yellow triangle")), source, new PipelineMetrics(), null, CancellationToken.None);
        Assert.Equal(20, summary.Processed);
        var letters = JsonlDeadLetterSink.ReadAll(Path.Combine(dir.Path, "dead-letters.jsonl"));
        Assert.NotEmpty(letters);
        Assert.All(letters, l => Assert.Equal(("verify", "model_error"), (l.Stage, l.Reason)));
        Assert.All(letters, l => Assert.Contains("yellow triangle", l.Input));
    }

    [Fact]
    public async Task Run_GracefulStop_DrainsWhatWasAdmittedAndClosesFiles()
    {
        using var dir = new TempDir();
        using var stop = new CancellationTokenSource();
        var source = new MemorySource(Enumerable.Range(0, 100_000).Select(i => Items.Ingest($"p{i}", i)));
        var options = Harness.Options(dir.Path, n: 2);
        var run = GenerationJob.RunAsync(options.Stages, options.Output, Harness.Models(policy: new ShapesPolicy(TimeSpan.FromMilliseconds(2))), source, new PipelineMetrics(),
            (a, _) => { if (a.ProcessedCount > 50) stop.Cancel(); }, stop.Token);
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(summary.Processed > 50 && summary.Processed < 100_000);
        Assert.Equal(summary.Prompts, summary.Processed + summary.Rejected);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        var ids = new List<string>();
        foreach (var file in summary.Files.Where(f => f.Contains("/trl/", StringComparison.Ordinal)))
            ids.AddRange((await ParquetSerializer.DeserializeAsync<TrlPairRow>(file)).Data.Select(r => r.PairId!));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(summary.Pairs == ids.Count, $"pairs {summary.Pairs} vs rows {ids.Count}; files: {string.Join(", ", summary.Files.Select(Path.GetFileName))}");
    }

    [Fact]
    public async Task Rerun_SameInput_ReplacesFilesInsteadOfDuplicating()
    {
        using var dir = new TempDir();
        var options = Harness.Options(dir.Path, n: 4);
        async Task<GenerationSummary> RunOnce() => await GenerationJob.RunAsync(options.Stages, options.Output, Harness.Models(),
            new MemorySource(Enumerable.Range(0, 80).Select(i => Items.Ingest($"p{i}", i))), new PipelineMetrics(), null, CancellationToken.None);
        var first = await RunOnce();
        var second = await RunOnce();
        Assert.Equal(first.Files, second.Files);
        Assert.Equal(first.Files.Count, Directory.GetFiles(Path.Combine(dir.Path, "pairs"), "*.parquet", SearchOption.AllDirectories).Length);
    }
}
