using RlaifV.Kafka.Generation;
using RlaifV.Schemas;
using RlaifV.Stages.Options;
using RlaifV.Stages.Sources;
using RlaifV.TestKit;

namespace RlaifV.Kafka.Tests.Generation;

public class PromptLoaderTests
{
    [Fact]
    public async Task Load_ImagePathOutsideTheImageRoot_IsDeadLetteredAsFileIngestWouldAndTheRestLoads()
    {
        using var k = new EmbeddedKafkaFixture(partitions: 1);
        using var dir = new TempDir();
        var images = Directory.CreateDirectory(dir.File("images")).FullName;
        File.WriteAllBytes(Path.Combine(images, "ok.png"), Png.Solid(8, 8));
        File.WriteAllBytes(dir.File("outside.png"), Png.Solid(8, 8));
        File.CreateSymbolicLink(Path.Combine(images, "link.png"), dir.File("outside.png"));
        File.WriteAllLines(dir.File("prompts.jsonl"),
        [
            """{"id":"good","instruction":"Describe this image.","image_path":"ok.png"}""",
            """{"id":"escape","instruction":"Describe this image.","image_path":"../outside.png"}""",
            """{"id":"symlink","instruction":"Describe this image.","image_path":"link.png"}""",
        ]);

        var metrics = new RlaifV.Stages.Flow.PipelineMetrics();
        var (loaded, rejected) = await PromptLoader.LoadAsync(k.Environment, new JsonlPromptSource(dir.File("prompts.jsonl")), new IngestOptions { ImageRoot = images }, new HeaderOnlyDecoder(), CancellationToken.None, metrics);

        Assert.Equal((1L, 2L), (loaded, rejected));
        // Counted as the graph counts its dead letters, so the dashboards' dead-letter panels show records refused at load.
        Assert.Equal(2, metrics.DeadLetters.WithLabels(PromptLoader.Stage, DeadLetterReasons.ImageOutsideRoot).Value);
        Assert.Equal(2, metrics.Failures.WithLabels(PromptLoader.Stage).Value);
        var letters = k.Environment.CreateReader().ReadRaw(k.Topics.DeadLetters, k.Environment.GetEndOffsets(k.Topics.DeadLetters))
            .Select(m => KafkaRecordTypes.DeadLetter.Decode(m)).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(["escape", "symlink"], letters.Select(l => l.Key));
        Assert.All(letters, l => Assert.Equal((PromptLoader.Stage, DeadLetterReasons.ImageOutsideRoot), (l.Stage, l.Reason)));
        var prompt = Assert.Single(k.Environment.CreateReader().Read(k.Topics.Prompts, KafkaRecordTypes.Prompt, k.Environment.GetEndOffsets(k.Topics.Prompts)));
        Assert.Equal("good", prompt.Id);
    }
}
