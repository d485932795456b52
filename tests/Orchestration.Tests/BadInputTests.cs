using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sinks;
using RlaifV.Stages.Sources;
using RlaifV.TestKit;

namespace RlaifV.Orchestration.Tests;

public class BadInputTests
{
    [Fact]
    public async Task Run_EveryBadInputKind_OneDeadLetterEachWithReason_GoodLinesStillProcessed()
    {
        using var dir = new TempDir();
        var images = Directory.CreateDirectory(dir.File("images")).FullName;
        File.WriteAllBytes(Path.Combine(images, "ok.png"), Png.Solid(8, 8));
        File.WriteAllBytes(Path.Combine(images, "huge.png"), Png.Solid(300, 300));
        File.WriteAllBytes(Path.Combine(images, "wide.png"), Png.Solid(70, 2));
        File.WriteAllText(Path.Combine(images, "not-an-image.png"), "hello");
        File.WriteAllBytes(dir.File("outside.png"), Png.Solid(8, 8));
        File.CreateSymbolicLink(Path.Combine(images, "link.png"), dir.File("outside.png"));
        var ok64 = Convert.ToBase64String(Png.Solid(8, 8));
        var lines = new[]
        {
            """{"id":"good1","instruction":"Describe this image in detail.","image_path":"ok.png"}""",
            """{"ds_question_id":17,"question":"What colour is the square?","image":"OK64","metainfos":{"origin":"coco"}}""",
            """{"id":"bad-json","instruction":""",
            """["not","an","object"]""",
            """{"instruction":"no id","image_path":"ok.png"}""",
            """{"id":"no-instruction","image_path":"ok.png"}""",
            """{"id":"blank","instruction":"   ","image_path":"ok.png"}""",
            """{"id":"no-image","instruction":"Describe."}""",
            """{"id":"missing-file","instruction":"Describe.","image_path":"nope.png"}""",
            """{"id":"too-big","instruction":"Describe.","image_path":"huge.png"}""",
            """{"id":"too-wide","instruction":"Describe.","image_path":"wide.png"}""",
            """{"id":"garbage","instruction":"Describe.","image_path":"not-an-image.png"}""",
            """{"id":"escape","instruction":"Describe.","image_path":"../outside.png"}""",
            """{"id":"symlink","instruction":"Describe.","image_path":"link.png"}""",
            """{"id":"bad-base64","instruction":"Describe.","image":"***"}""",
            """{"id":"hash","instruction":"Describe.","image_path":"ok.png","image_sha256":"deadbeef"}""",
            """{"id":"good1","instruction":"Describe again.","image_path":"ok.png"}""",
            """{"id":"bad-kind","instruction":"Describe.","image_path":"ok.png","kind":"poem"}""",
            """{"id":{"nested":1},"instruction":"Describe.","image_path":"ok.png"}""",
        }.Select(l => l.Replace("OK64", ok64, StringComparison.Ordinal));
        var input = dir.File("prompts.jsonl");
        File.WriteAllLines(input, lines);

        var options = Harness.Options(dir.File("out"), n: 4, imageRoot: images);
        options = options with
        {
            Stages = options.Stages with { Ingest = new RlaifV.Stages.Options.IngestOptions { ImageRoot = images, MaxImageBytes = 2_000, MaxImageSide = 64 } },
        };
        var summary = await GenerationJob.RunAsync(options.Stages, options.Output, Harness.Models(), new JsonlPromptSource(input), new PipelineMetrics(), null, CancellationToken.None);

        var letters = JsonlDeadLetterSink.ReadAll(dir.File("out/dead-letters.jsonl"));
        var byLine = letters.ToDictionary(l => int.Parse(l.Origin!.Split(':')[1]), l => l.Reason);
        Assert.Equal(new Dictionary<int, string>
        {
            [3] = DeadLetterReasons.Malformed,
            [4] = DeadLetterReasons.Malformed,
            [5] = DeadLetterReasons.MissingField,
            [6] = DeadLetterReasons.MissingField,
            [7] = DeadLetterReasons.EmptyInstruction,
            [8] = DeadLetterReasons.MissingField,
            [9] = DeadLetterReasons.ImageUnreadable,
            [10] = DeadLetterReasons.ImageTooLarge,
            [11] = DeadLetterReasons.ImageTooLarge,
            [12] = DeadLetterReasons.ImageInvalid,
            [13] = DeadLetterReasons.ImageOutsideRoot,
            [14] = DeadLetterReasons.ImageOutsideRoot,
            [15] = DeadLetterReasons.ImageInvalid,
            [16] = DeadLetterReasons.ImageHashMismatch,
            [17] = DeadLetterReasons.DuplicateId,
            [18] = DeadLetterReasons.InvalidValue,
            [19] = DeadLetterReasons.WrongType,
        }, byLine);
        Assert.All(letters, l => Assert.Equal("ingest", l.Stage));
        Assert.All(letters, l => Assert.False(string.IsNullOrWhiteSpace(l.Detail)));
        Assert.Equal((2, 17, 19L), (summary.Processed, summary.Rejected, summary.Prompts));
    }
}
