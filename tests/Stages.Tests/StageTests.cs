using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

namespace RlaifV.Stages.Tests;

public class StageTests
{
    private static readonly RunContext Run = new() { Round = 2, GlobalSeed = 99 };
    private static readonly BatchingOptions SmallBatch = new() { Size = 4, FlushMs = 20, Capacity = 8, MaxConsecutiveFailures = 3 };

    private static async Task<List<T>> DrainAsync<T>(ISourceBlock<T> output)
    {
        var items = new List<T>();
        while (await output.OutputAvailableAsync()) items.Add(await output.ReceiveAsync());
        await output.Completion;
        return items;
    }

    private static PromptItem PromptItem(string id) => new(Items.Prompt(id), new PromptTicket($"t:{id}", 0));

    private static CandidateItem Candidate(string promptId, int index, string text, IReadOnlyList<string>? claims = null) => new()
    {
        Source = PromptItem(promptId),
        Expected = 3,
        Candidate = new Candidate { PromptId = promptId, Round = 2, Index = index, Seed = index, Text = text, TokenCount = 1, PolicyId = "p" },
        Claims = claims ?? [],
    };

    [Fact]
    public async Task Sample_EachPrompt_NCandidatesWithDerivedSeeds()
    {
        var metrics = new PipelineMetrics();
        var policy = new ShapesPolicy();
        var stage = new SampleStage(new SamplingOptions { N = 3, Batch = SmallBatch }, Run, policy, new DeadLetters(new MemoryDeadLetterSink(), metrics), new RecordingTracker(), metrics, CancellationToken.None);
        foreach (var id in new[] { "a", "b", "c", "d", "e" }) await stage.Input.SendAsync(PromptItem(id));
        stage.Input.Complete();
        var items = await DrainAsync(stage.Output);
        Assert.Equal(15, items.Count);
        Assert.Equal(["a", "a", "a", "b"], items.Take(4).Select(i => i.Candidate.PromptId));
        var c = items[4];
        Assert.Equal(1, c.Candidate.Index);
        Assert.Equal(Seeds.ForCandidate(99, 2, "b", 1), c.Candidate.Seed);
        Assert.Equal(ShapesPolicy.TextFor(c.Candidate.Seed), c.Candidate.Text);
        Assert.Equal(2, policy.Calls); // 4 prompts, then the flushed partial batch of 1
    }

    [Fact]
    public async Task Sample_PartialBatch_IsFlushedAfterTimeout()
    {
        var metrics = new PipelineMetrics();
        var stage = new SampleStage(new SamplingOptions { N = 2, Batch = SmallBatch with { Size = 100, FlushMs = 30 } }, Run, new ShapesPolicy(), new DeadLetters(new MemoryDeadLetterSink(), metrics), new RecordingTracker(), metrics, CancellationToken.None);
        await stage.Input.SendAsync(PromptItem("only"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var first = await stage.Output.ReceiveAsync(timeout.Token); // not completed: only the flush can release it
        Assert.Equal("only", first.Candidate.PromptId);
        stage.Input.Complete();
    }

    [Fact]
    public async Task Extract_BadItemInBatch_IsDeadLetteredNeighboursSurvive()
    {
        var metrics = new PipelineMetrics();
        var dlq = new MemoryDeadLetterSink();
        var extractor = new ThrowingExtractor("poison");
        var stage = new ExtractStage(new ClaimsOptions { Batch = SmallBatch }, Run, extractor, new DeadLetters(dlq, metrics), metrics, CancellationToken.None);
        await stage.Input.SendAsync(Candidate("a", 0, "There is a red star."));
        await stage.Input.SendAsync(Candidate("a", 1, "poison"));
        await stage.Input.SendAsync(Candidate("a", 2, "There is a blue circle."));
        stage.Input.Complete();
        var items = await DrainAsync(stage.Output);
        Assert.Equal([false, true, false], items.Select(i => i.Failed));
        Assert.Equal(["There is a red star."], items[0].Claims);
        var letter = Assert.Single(dlq.Letters);
        Assert.Equal(("extract", DeadLetterReasons.ModelError, "a#r2c1"), (letter.Stage, letter.Reason, letter.Key));
    }

    [Fact]
    public async Task Extract_ModelFailsEverything_FaultsWithStageAndKey()
    {
        var metrics = new PipelineMetrics();
        var stage = new ExtractStage(new ClaimsOptions { Batch = SmallBatch }, Run, new ThrowingExtractor(""), new DeadLetters(new MemoryDeadLetterSink(), metrics), metrics, CancellationToken.None);
        for (var i = 0; i < 6; i++) await stage.Input.SendAsync(Candidate("p", i, "x"));
        stage.Input.Complete();
        var e = await Assert.ThrowsAsync<StageException>(() => DrainAsync(stage.Output));
        Assert.Equal("extract", e.Stage);
        Assert.Equal("p#r2c2", e.Key);
        Assert.Contains("3 consecutive items failed", e.Message);
    }

    [Fact]
    public async Task Rewrite_AppendsSuffixPerClaim_SkipsFailed()
    {
        var metrics = new PipelineMetrics();
        var stage = new RewriteStage(new QuestionsOptions { Batch = SmallBatch }, Run, new RuleBasedQuestionRewriter(), new DeadLetters(new MemoryDeadLetterSink(), metrics), metrics, CancellationToken.None);
        await stage.Input.SendAsync(Candidate("a", 0, "t", ["There is no dog.", "The ball is red."]));
        await stage.Input.SendAsync(Candidate("a", 1, "t", ["There is a cat."]) with { Failed = true });
        await stage.Input.SendAsync(Candidate("a", 2, "t", []));
        stage.Input.Complete();
        var items = await DrainAsync(stage.Output);
        Assert.Equal(["Is there no dog? Please answer yes or no.", "Is the ball red? Please answer yes or no."], items[0].Questions);
        Assert.Empty(items[1].Questions);
        Assert.Empty(items[2].Questions);
    }

    [Fact]
    public async Task Verify_AcceptsIffPYesAbovePNo_RecordsSums()
    {
        var metrics = new PipelineMetrics();
        var stage = new VerifyStage(new LabelerOptions { Batch = SmallBatch }, Run, new ColourLabeler(), new DeadLetters(new MemoryDeadLetterSink(), metrics), metrics, CancellationToken.None);
        await stage.Input.SendAsync(Candidate("a", 0, "t", ["There is a red star.", "There is a purple star."]) with { Questions = ["Is there a red star?", "Is there a purple star?"] });
        stage.Input.Complete();
        var item = Assert.Single(await DrainAsync(stage.Output));
        Assert.Equal([true, false], item.Verdicts.Select(v => v.Accepted));
        Assert.Equal(0.8, item.Verdicts[0].PYes, 9);
        Assert.Equal(0.8, item.Verdicts[1].PNo, 9);
        Assert.Equal("colour-labeler", item.LabelerId);
    }

    [Fact]
    public async Task Verify_RepeatedQuestionsAboutOneImage_AskedOnceAndVerdictsShared()
    {
        var metrics = new PipelineMetrics();
        var labeler = new ColourLabeler();
        var batch = SmallBatch with { Size = 3, FlushMs = 1000 };
        var stage = new VerifyStage(new LabelerOptions { Batch = batch }, Run, labeler, new DeadLetters(new MemoryDeadLetterSink(), metrics), metrics, CancellationToken.None);
        string[] first = ["Is there a red star?", "Is there a purple star?"], second = ["Is there a purple star?", "Is there a blue circle?"];
        await stage.Input.SendAsync(Candidate("a", 0, "t", ["c1", "c2"]) with { Questions = first });
        await stage.Input.SendAsync(Candidate("a", 1, "t", ["c2", "c3"]) with { Questions = second });
        await stage.Input.SendAsync(Candidate("a", 2, "t", ["c1", "c2"]) with { Questions = first });
        stage.Input.Complete();
        var items = (await DrainAsync(stage.Output)).OrderBy(i => i.Candidate.Index).ToList();
        Assert.Equal(3, labeler.Questions); // six questions, three distinct
        Assert.Equal([true, false], items[0].Verdicts.Select(v => v.Accepted));
        Assert.Equal([false, true], items[1].Verdicts.Select(v => v.Accepted));
        Assert.Equal(["Is there a purple star?", "Is there a blue circle?"], items[1].Verdicts.Select(v => v.Question));
        Assert.Equal(items[0].Verdicts.Select(v => v.PYes), items[2].Verdicts.Select(v => v.PYes));
        Assert.Equal(6, (int)metrics.Claims.WithLabels("accepted").Value + (int)metrics.Claims.WithLabels("rejected").Value);
    }

    [Fact]
    public async Task Pair_WaitsForAllN_ThenScoresAndSamples()
    {
        var metrics = new PipelineMetrics();
        var stage = new PairStage(new PairingOptions(), Run, metrics, CancellationToken.None);
        Verdict V(bool ok) => new() { ClaimIndex = 0, Claim = "c", Question = "q", PYes = ok ? 1 : 0, PNo = ok ? 0 : 1, Accepted = ok };
        await stage.Input.SendAsync(Candidate("a", 0, "zero") with { Verdicts = [V(true), V(true)] });
        await stage.Input.SendAsync(Candidate("b", 0, "other prompt") with { Expected = 1 });
        await stage.Input.SendAsync(Candidate("a", 1, "minus one") with { Verdicts = [V(true), V(false)] });
        await stage.Input.SendAsync(Candidate("a", 2, "failed") with { Failed = true });
        stage.Input.Complete();
        var results = await DrainAsync(stage.Output);
        Assert.Equal(["b", "a"], results.Select(r => r.Source.Prompt.Id));
        var a = results[1];
        Assert.Equal(1, a.FailedCandidates);
        var pair = Assert.Single(a.Pairs);
        Assert.Equal(("a#r2:0>1", 0, -1), (pair.Id, pair.ChosenScore, pair.RejectedScore));
        Assert.Empty(results[0].Pairs);
        Assert.Null(Assert.Single(results[0].Scored).Score);
    }

    [Fact]
    public async Task Emit_WritesThenCompletes_WindowAppliesLengthBalance()
    {
        var metrics = new PipelineMetrics();
        var sink = new MemoryResultSink();
        var tracker = new RecordingTracker();
        var stage = new EmitStage(new PairingOptions { LengthBalanceWindow = 3 }, Run, sink, tracker, metrics, CancellationToken.None);
        PreferencePair P(string id, int cw, int rw) => new()
        {
            PromptId = id, Round = 2, Instruction = "i", Image = new ImageRef { Sha256 = "0" }, ChosenIndex = 0, RejectedIndex = 1,
            Chosen = "c", Rejected = "r", ChosenScore = 0, RejectedScore = -1, ChosenWords = cw, RejectedWords = rw,
            ChosenVerdicts = [], RejectedVerdicts = [], PolicyId = "p", LabelerId = "l",
        };
        // same lengths as the hand-computed length-balance case: (5,10) is dropped
        await stage.Input.SendAsync(new PromptResult(PromptItem("a"), [], [P("a", 10, 10), P("b", 5, 10)], 0));
        await stage.Input.SendAsync(new PromptResult(PromptItem("c"), [], [P("c", 9, 10), P("d", 10, 8)], 0));
        stage.Input.Complete();
        await stage.Completion;
        Assert.Equal(["a", "c", "d"], sink.Results.SelectMany(r => r.Pairs).Select(p => p.PromptId));
        Assert.Equal(2, tracker.Completed.Count);
        Assert.Equal(1, sink.Flushes);
    }

    [Theory]
    [InlineData(0, 8, 8)]
    [InlineData(0, 1, 1)]
    [InlineData(4, 8, 1)]
    public async Task Emit_SinkAllowingConcurrentWrites_OverlapsThemUnlessAWindowIsOn(int window, int allowed, int expectedMostAtOnce)
    {
        var sink = new OverlapSink(allowed);
        var tracker = new RecordingTracker();
        var stage = new EmitStage(new PairingOptions { LengthBalanceWindow = window }, Run, sink, tracker, new PipelineMetrics(), CancellationToken.None);

        for (var i = 0; i < 32; i++) await stage.Input.SendAsync(new PromptResult(PromptItem($"p{i}"), [], [], 0));
        stage.Input.Complete();
        await stage.Completion;

        Assert.Equal(32, tracker.Completed.Count);
        Assert.Equal(expectedMostAtOnce, sink.MostAtOnce);
        Assert.Equal(1, sink.FlushesAfterAllWrites);
    }

    /// <summary>A sink whose writes take a while, counting how many overlap.</summary>
    private sealed class OverlapSink(int allowed) : IResultSink
    {
        private readonly Lock gate = new();
        private int now;
        private int written;

        public int MaxConcurrentWrites => allowed;

        public int MostAtOnce { get; private set; }

        public int FlushesAfterAllWrites { get; private set; }

        public async ValueTask WriteAsync(PromptResult result, CancellationToken cancellationToken)
        {
            var at = Interlocked.Increment(ref now);
            lock (gate) MostAtOnce = Math.Max(MostAtOnce, at);
            await Task.Delay(20, cancellationToken);
            Interlocked.Decrement(ref now);
            Interlocked.Increment(ref written);
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref written) == 32 && Volatile.Read(ref now) == 0) FlushesAfterAllWrites++;
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class ThrowingExtractor(string marker) : RlaifV.Stages.Ports.IClaimExtractor
    {
        public string ExtractorId => "throwing";

        public Task<IReadOnlyList<IReadOnlyList<string>>> ExtractAsync(IReadOnlyList<RlaifV.Stages.Ports.ClaimRequest> batch, CancellationToken cancellationToken)
        {
            if (batch.Any(r => r.Response.Contains(marker, StringComparison.Ordinal))) throw new RlaifV.Stages.Ports.InputRejectedException("cannot extract");
            return new RuleBasedClaimExtractor().ExtractAsync(batch, cancellationToken);
        }
    }
}
