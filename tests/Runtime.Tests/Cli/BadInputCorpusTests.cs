using System.Globalization;
using RlaifV.GeneratorHost;
using RlaifV.Orchestration.Tests;
using RlaifV.Runtime.Cli;
using RlaifV.Stages.Sinks;
using RlaifV.TestKit;
using Xunit.Abstractions;

namespace RlaifV.Runtime.Tests;

public class BadInputCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Generate_MixedCorpusOfGoodAndBadRecords_ExitsZeroOneDeadLetterPerBadRecordWithReasonAndKeyPairsForEveryGoodRecord()
    {
        using var dir = new TempDir();
        var expected = BadInputCorpus.Write(dir.Path);
        var config = dir.File("pipeline.yaml");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            run: {round: 1, global_seed: 7}
            input: {path: prompts.jsonl}
            ingest: {image_root: images, max_record_bytes: {{BadInputCorpus.MaxRecordBytes}}, max_instruction_chars: {{BadInputCorpus.MaxInstructionChars}}, max_image_side: {{BadInputCorpus.MaxImageSide}}, max_image_pixels: {{BadInputCorpus.MaxImagePixels}} }
            sampling: {n: 10, batch: {size: 8, flush_ms: 20} }
            output: {dir: out}
            metrics: {enabled: false}
            """));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["generate", "--config", config], stdout, stderr, o => ShapesRun.Models(o, null));
        output.WriteLine(stdout.ToString());
        output.WriteLine(stderr.ToString());
        Assert.Equal(0, code);

        var letters = JsonlDeadLetterSink.ReadAll(dir.File("out/dead-letters.jsonl"));
        var byLine = letters.GroupBy(l => int.Parse(l.Origin!.Split(':')[^1], CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var e in expected)
        {
            if (e.Reason is null)
            {
                Assert.False(byLine.ContainsKey(e.Line), $"line {e.Line} ({e.What}) is good but was dead-lettered: {(byLine.TryGetValue(e.Line, out var l) ? l[0].Detail : "")}");
                continue;
            }
            Assert.True(byLine.TryGetValue(e.Line, out var got), $"line {e.Line} ({e.What}) has no dead letter");
            var letter = Assert.Single(got);
            Assert.True((e.Reason, e.Key) == (letter.Reason, letter.Key), $"line {e.Line} ({e.What}): expected {e.Reason} key {e.Key ?? "(none)"}, got {letter.Reason} key {letter.Key ?? "(none)"}: {letter.Detail}");
            Assert.False(string.IsNullOrWhiteSpace(letter.Detail));
        }
        Assert.Equal(expected.Count(e => e.Reason is not null), letters.Count);

        var good = expected.Where(e => e.Reason is null).Select(e => e.Key!).ToList();
        var stages = Graphs.Stages(n: 10);
        var files = Directory.GetFiles(dir.File("out/pairs/rlaifv"), "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(KafkaHarness.Sorted(Graphs.ExpectedPairIds(good, stages)), KafkaHarness.Sorted(await KafkaHarness.ParquetPairIdsAsync(files)));
    }

    [Fact]
    public async Task TopicLoad_MixedCorpus_TheSameValidatorDeadLettersEveryBadRecordWithReasonAndKeyAndLoadsTheGoodOnes()
    {
        using var k = new KafkaHarness(partitions: 2);
        await k.Environment.EnsureBaseTopicsAsync(); // the mock creates topics through its own API, not the admin client's
        var expected = BadInputCorpus.Write(k.Dir.Path);
        var config = k.Dir.File("pipeline.yaml");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            ingest: {image_root: images, max_record_bytes: {{BadInputCorpus.MaxRecordBytes}}, max_instruction_chars: {{BadInputCorpus.MaxInstructionChars}}, max_image_side: {{BadInputCorpus.MaxImageSide}}, max_image_pixels: {{BadInputCorpus.MaxImagePixels}} }
            metrics: {enabled: false}
            """));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["topic", "load", k.Dir.File("prompts.jsonl"), "--config", config, "--bootstrap", k.Cluster.BootstrapServers], stdout, stderr);
        output.WriteLine(stdout.ToString());
        output.WriteLine(stderr.ToString());
        Assert.Equal(0, code);

        // Loading does not drop repeated ids (a generator does, per its window): the repeat is loaded, every other bad record is a dead letter.
        var bad = expected.Where(e => e.Reason is not null && e.Reason != RlaifV.Schemas.DeadLetterReasons.DuplicateId).ToList();
        var letters = k.Environment.CreateReader().Read(k.Topics.DeadLetters, RlaifV.Kafka.KafkaRecordTypes.DeadLetter, k.Environment.GetEndOffsets(k.Topics.DeadLetters)).ToList();
        var byLine = letters.ToDictionary(l => int.Parse(l.Origin!.Split(':')[^1], CultureInfo.InvariantCulture));
        foreach (var e in bad)
        {
            Assert.True(byLine.TryGetValue(e.Line, out var letter), $"line {e.Line} ({e.What}) has no dead letter");
            Assert.True((e.Reason, e.Key, "load") == (letter.Reason, letter.Key, letter.Stage), $"line {e.Line} ({e.What}): expected {e.Reason} key {e.Key ?? "(none)"}, got {letter.Reason} key {letter.Key ?? "(none)"}: {letter.Detail}");
        }
        Assert.Equal(bad.Count, letters.Count);
        var loaded = k.Environment.CreateReader().Read(k.Topics.Prompts, RlaifV.Kafka.KafkaRecordTypes.Prompt, k.Environment.GetEndOffsets(k.Topics.Prompts)).Select(p => p.Id).ToList();
        Assert.Equal(KafkaHarness.Sorted(expected.Where(e => e.Reason is null).Select(e => e.Key!)), KafkaHarness.Sorted(loaded));
    }
}
