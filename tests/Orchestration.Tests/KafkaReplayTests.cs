using RlaifV.Kafka;
using RlaifV.Schemas;
using RlaifV.Schemas.Arrow;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

namespace RlaifV.Orchestration.Tests;

public class KafkaReplayTests
{
    [Fact]
    public async Task Replay_CandidatesWithAnotherLabeler_NewPairsTopicWithByteIdenticalCandidates()
    {
        using var k = new KafkaHarness();
        var ids = KafkaHarness.Ids(60);
        await k.SeedAsync(ids);
        var options = k.Options(n: 6) with { Output = k.Options().Output with { Parquet = false } };
        await k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var originals = k.Rows(k.Topics.Candidates(1), KafkaRecordTypes.Candidate).ToDictionary(c => c.Record.Id, c => c.Record);
        var originalPairs = KafkaHarness.Sorted(k.DistinctPairIds(k.Topics.Pairs(1)));

        var policy = new ShapesPolicy();
        var models = new ModelSet(policy, new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), new StrictLabeler(), new RlaifV.Models.SkiaImageDecoder());
        var summary = await ReplayJob.RunAsync(options.Stages, options.Output with { Parquet = true }, k.Environment, models, ReplayStart.Extract, "strict", new PipelineMetrics(), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, policy.Calls);
        Assert.Equal((60L, 360L, 0L), (summary.Prompts, summary.Candidates, summary.MissingPrompts));
        Assert.Equal(k.Topics.Pairs(1, "strict"), summary.PairsTopic);
        var verdicts = k.Rows(k.Topics.Verdicts(1, "strict"), KafkaRecordTypes.ScoredCandidate);
        Assert.Equal(360, verdicts.Count);
        foreach (var (m, scored) in verdicts)
        {
            Assert.Equal("strict-labeler", scored.LabelerId);
            Assert.Equal(ArrowIpc.Encode(Candidate.Layout, originals[scored.Candidate.Id]), ArrowIpc.Encode(Candidate.Layout, scored.Candidate));
            Assert.Equal(k.Topics.Candidates(1), MessageHeaders.GetString(m.Message.Headers, ReplayJob.ReplayOfHeader));
        }
        var texts = originals.Values.ToDictionary(c => (c.PromptId, c.Index), c => c.Text);
        var pairs = k.Raw(k.Topics.Pairs(1, "strict"));
        Assert.NotEmpty(pairs);
        foreach (var m in pairs)
        {
            var pair = KafkaRecordTypes.PreferencePair.Decode(m);
            Assert.Equal(texts[(pair.PromptId, pair.ChosenIndex)], pair.Chosen);
            Assert.Equal(texts[(pair.PromptId, pair.RejectedIndex)], pair.Rejected);
            Assert.Contains("strict-labeler", MessageHeaders.GetString(m.Message.Headers, ReplayJob.SettingsHeader), StringComparison.Ordinal);
        }
        Assert.NotEqual(originalPairs, KafkaHarness.Sorted(pairs.Select(m => MessageHeaders.GetString(m.Message.Headers, MessageHeaders.Id)!)));
        Assert.Equal(pairs.Count, (await KafkaHarness.ParquetPairIdsAsync(summary.Files)).Count);
        Assert.Equal(originalPairs, KafkaHarness.Sorted(k.DistinctPairIds(k.Topics.Pairs(1))));
    }

    [Fact]
    public async Task Replay_VerdictsWithSamePairing_ReproducesTheOriginalPairs()
    {
        using var k = new KafkaHarness();
        var ids = KafkaHarness.Ids(40);
        await k.SeedAsync(ids);
        var options = k.Options(n: 6) with { Output = k.Options().Output with { Parquet = false } };
        await k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var summary = await ReplayJob.RunAsync(options.Stages, options.Output, k.Environment, Harness.Models(), ReplayStart.Pair, "same", new PipelineMetrics(), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Null(summary.VerdictsTopic);
        Assert.Equal(KafkaHarness.Sorted(k.DistinctPairIds(k.Topics.Pairs(1))), KafkaHarness.Sorted(k.DistinctPairIds(k.Topics.Pairs(1, "same"))));
    }

    [Fact]
    public async Task Replay_PromptImageNowLinkingOutsideTheImageRoot_IsDeadLetteredAndTheRestReplays()
    {
        using var k = new KafkaHarness(partitions: 1);
        var images = Directory.CreateDirectory(k.Dir.File("images")).FullName;
        var png = Png.Solid(8, 8);
        File.WriteAllBytes(Path.Combine(images, "a.png"), png);
        await k.Environment.EnsureBaseTopicsAsync();
        using (var producer = k.Environment.CreateProducer())
        {
            // Prompts by reference, as topic load puts images larger than kafka.inline_image_max_bytes.
            foreach (var id in KafkaHarness.Ids(4)) await producer.ProducePromptAsync(Items.Prompt(id) with { Image = new ImageRef { Uri = "a.png", Sha256 = ImageRef.HashOf(png) } });
        }
        var options = k.Options(n: 4);
        options = options with { Stages = options.Stages with { Ingest = options.Stages.Ingest with { ImageRoot = images } }, Output = options.Output with { Parquet = false } };
        var generated = await k.GenerateAsync(options, untilCaughtUp: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(4, generated.Processed);

        // The image is now a link to a file outside the image root (same bytes, same sha256).
        File.WriteAllBytes(k.Dir.File("outside.png"), png);
        File.Delete(Path.Combine(images, "a.png"));
        File.CreateSymbolicLink(Path.Combine(images, "a.png"), k.Dir.File("outside.png"));
        var summary = await ReplayJob.RunAsync(options.Stages, options.Output, k.Environment, Harness.Models(), ReplayStart.Extract, "linked", new PipelineMetrics(), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((0L, 4L), (summary.Prompts, summary.MissingPrompts));
        var letters = k.Raw(k.Topics.DeadLetters).Select(m => KafkaRecordTypes.DeadLetter.Decode(m)).ToList();
        Assert.Equal(4, letters.Count);
        Assert.All(letters, l => Assert.Equal(("replay", DeadLetterReasons.ImageOutsideRoot), (l.Stage, l.Reason)));
    }

    /// <summary>A labeler that, besides purple and orange, also rejects claims about red shapes.</summary>
    private sealed class StrictLabeler : IYesNoLabeler
    {
        private readonly ColourLabeler inner = new();

        public string ModelId => "strict-labeler";

        public async Task<IReadOnlyList<YesNoProbabilities>> ProbeAsync(IReadOnlyList<YesNoRequest> batch, CancellationToken cancellationToken)
        {
            var answers = await inner.ProbeAsync(batch, cancellationToken);
            return batch.Select((r, i) => r.Question.Contains("red", StringComparison.Ordinal) ? new YesNoProbabilities(0.1, 0.05, 0.7, 0.1) : answers[i]).ToList();
        }
    }
}
