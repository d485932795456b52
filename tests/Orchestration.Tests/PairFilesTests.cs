using Parquet.Serialization;
using RlaifV.Schemas.Datasets;
using RlaifV.TestKit;

namespace RlaifV.Orchestration.Tests;

public class PairFilesTests
{
    [Fact]
    public async Task Sink_WrittenFile_CarriesMetadataAndProfileColumns()
    {
        using var dir = new TempDir();
        var options = Harness.Options(dir.Path, n: 4);
        var summary = await GenerationJob.RunAsync(options.Stages, options.Output, Harness.Models(),
            new MemorySource(Enumerable.Range(0, 10).Select(i => Items.Ingest($"p{i}", i))), new RlaifV.Stages.Flow.PipelineMetrics(), null, CancellationToken.None);
        var trlFile = summary.Files.First(f => f.Contains("/trl/", StringComparison.Ordinal));
        await using var stream = File.OpenRead(trlFile);
        await using var reader = await global::Parquet.ParquetReader.CreateAsync(stream);
        Assert.Contains("huggingface", reader.CustomMetadata.Keys);
        var names = reader.Schema.Fields.Select(f => f.Name).ToList();
        Assert.Contains("prompt", names);
        Assert.Contains("images", names);
        Assert.Contains("chosen_verdicts", names);
        var rlaifvFile = summary.Files.First(f => f.Contains("/rlaifv/", StringComparison.Ordinal));
        var rows = (await ParquetSerializer.DeserializeAsync<RlaifvPairRow>(rlaifvFile)).Data;
        Assert.All(rows, r => Assert.Equal(Items.Image, r.Image!.Bytes));
        Assert.All(rows, r => Assert.Contains("\"model\":\"shapes-policy\"", r.OriginSplit));
        Assert.Matches(@"pairs-r0001-memory-\d{12}\.parquet$", rlaifvFile);
    }
}
