using Parquet.Serialization;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;
using RlaifV.TestKit;

namespace RlaifV.Stages.Tests.Sources;

public class PromptSourceTests
{
    [Fact]
    public async Task Read_ReleasedDatasetLayout_YieldsDraftsWithInlineImages()
    {
        using var dir = new TempDir();
        var file = dir.File("rlaifv.parquet");
        var png = Png.Solid(3, 3);
        var rows = Enumerable.Range(0, 5).Select(i => new RlaifvPairRow
        {
            DsName = "RLAIF-V", Idx = $"id{i}", Question = $"What is {i}?", Image = new DatasetImage { Bytes = png, Path = $"img{i}.png" },
            Chosen = "c", Rejected = "r", OriginDataset = "vqav2", ImagePath = $"img{i}.png",
        }).ToList();
        await ParquetSerializer.SerializeAsync(rows, file, new global::Parquet.ParquetOptions { CompressionLevel = System.IO.Compression.CompressionLevel.Fastest, RowGroupSize = 2 });
        var items = new List<RlaifV.Stages.Flow.IngestItem>();
        await foreach (var item in new ParquetPromptSource(file).ReadAsync(CancellationToken.None)) items.Add(item);
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.True(i.Draft is not null, i.ParseError));
        Assert.Equal(("id3", "What is 3?", "vqav2"), (items[3].Draft!.Id, items[3].Draft!.Instruction, items[3].Draft!.Source));
        Assert.Equal(png, items[3].Draft!.ImageBytes);
        Assert.Equal(4, items[3].Ticket.Position);
    }

    [Fact]
    public void Parse_ReferenceFormat_MapsFields()
    {
        var item = JsonlPromptSource.Parse("""{"ds_question_id":"q1","question":"Is there a cat?","image_path":"a.jpg","metainfos":{"origin_dataset":"vqa"}}""", new PromptTicket("f:1", 1));
        var d = item.Draft!;
        Assert.Equal(("q1", "Is there a cat?", "a.jpg"), (d.Id, d.Instruction, d.ImagePath));
        Assert.Equal("""{"origin_dataset":"vqa"}""", d.Metadata);
    }
}
