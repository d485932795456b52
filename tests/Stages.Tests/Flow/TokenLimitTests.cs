using System.Collections.Concurrent;
using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

namespace RlaifV.Stages.Tests.Flow;

public class TokenLimitTests
{
    private static readonly BatchingOptions Batch = new() { Size = 4, FlushMs = 20, Capacity = 8 };
    private static readonly RunContext Run = new() { Round = 2, GlobalSeed = 9 };

    private static async Task<List<T>> DrainAsync<T>(ISourceBlock<T> output)
    {
        var items = new List<T>();
        while (await output.OutputAvailableAsync()) items.Add(await output.ReceiveAsync());
        await output.Completion;
        return items;
    }

    [Fact]
    public async Task Sample_PromptPlusTokenBudgetOverThePolicysContext_PromptTooLongWithSizesAndNoModelCall()
    {
        var metrics = new PipelineMetrics();
        var dlq = new MemoryDeadLetterSink();
        var policy = new WordCountingPolicy(contextTokens: 60);
        var stage = new SampleStage(new SamplingOptions { N = 2, MaxNewTokens = 20, Batch = Batch }, Run, policy, new DeadLetters(dlq, metrics), new RecordingTracker(), metrics, CancellationToken.None);
        await stage.Input.SendAsync(new PromptItem(Items.Prompt("short", "Describe this image."), new PromptTicket("t:1", 1)));
        await stage.Input.SendAsync(new PromptItem(Items.Prompt("long", string.Join(' ', Enumerable.Repeat("word", 50))), new PromptTicket("t:2", 2)));
        stage.Input.Complete();
        var items = await DrainAsync(stage.Output);
        Assert.Equal(4, items.Count);
        Assert.All(items.Where(i => i.Candidate.PromptId == "long"), i => Assert.True(i.Failed));
        var letter = Assert.Single(dlq.Letters);
        Assert.Equal((DeadLetterReasons.PromptTooLong, "long"), (letter.Reason, letter.Key));
        Assert.Contains("50 tokens", letter.Detail, StringComparison.Ordinal);
        Assert.Contains("context of 60", letter.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(policy.Seen, i => i.StartsWith("word", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_QuestionOverTheLabelersContext_ClaimTooLongAndNoModelCallForIt()
    {
        var metrics = new PipelineMetrics();
        var dlq = new MemoryDeadLetterSink();
        var labeler = new WordCountingLabeler(contextTokens: 10);
        var stage = new VerifyStage(new LabelerOptions { Batch = Batch }, Run, labeler, new DeadLetters(dlq, metrics), metrics, CancellationToken.None);
        CandidateItem C(int index, string question) => new()
        {
            Source = new PromptItem(Items.Prompt("p"), new PromptTicket("t", 0)),
            Expected = 2,
            Candidate = new Candidate { PromptId = "p", Round = 2, Index = index, Seed = index, Text = "t", TokenCount = 1, PolicyId = "x" },
            Claims = ["c"],
            Questions = [question],
        };
        await stage.Input.SendAsync(C(0, "Is there a dog?"));
        await stage.Input.SendAsync(C(1, string.Join(' ', Enumerable.Repeat("long", 30)) + "?"));
        stage.Input.Complete();
        var items = (await DrainAsync(stage.Output)).OrderBy(i => i.Candidate.Index).ToList();
        Assert.False(items[0].Failed);
        Assert.True(items[1].Failed);
        var letter = Assert.Single(dlq.Letters);
        Assert.Equal((DeadLetterReasons.ClaimTooLong, "p#r2c1"), (letter.Reason, letter.Key));
        Assert.DoesNotContain(labeler.Seen, q => q.StartsWith("long", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LlmRewriter_ResponseWhoseClaimsOverflowTheContext_RejectedAsClaimTooLongBeforeTheCall()
    {
        var llm = new WordCountingLlm(contextTokens: 40);
        var rewriter = new LlmQuestionRewriter(llm, "Rewrite: {claims}", new GenerationSettings { MaxNewTokens = 16 });
        var e = await Assert.ThrowsAsync<InputRejectedException>(() => rewriter.RewriteAsync(
            [new RewriteRequest(["a short claim."], 1), new RewriteRequest([string.Join(' ', Enumerable.Repeat("x", 30))], 2)], CancellationToken.None));
        Assert.Equal(DeadLetterReasons.ClaimTooLong, e.Reason);
        Assert.Empty(llm.Seen);
        Assert.Single(await rewriter.RewriteAsync([new RewriteRequest(["a short claim."], 1)], CancellationToken.None));
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private sealed class WordCountingPolicy(int contextTokens) : IPolicySampler
    {
        private readonly ShapesPolicy inner = new();

        public ConcurrentBag<string> Seen { get; } = [];

        public string ModelId => "counting";

        public int? ContextTokens => contextTokens;

        public int? PromptTokens(SamplingRequest request) => Words(request.Instruction);

        public Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            foreach (var r in batch) Seen.Add(r.Instruction);
            return inner.SampleAsync(batch, settings, cancellationToken);
        }
    }

    private sealed class WordCountingLabeler(int contextTokens) : IYesNoLabeler
    {
        private readonly ColourLabeler inner = new();

        public ConcurrentBag<string> Seen { get; } = [];

        public string ModelId => "counting";

        public int? ContextTokens => contextTokens;

        public int? PromptTokens(YesNoRequest request) => Words(request.Question);

        public Task<IReadOnlyList<YesNoProbabilities>> ProbeAsync(IReadOnlyList<YesNoRequest> batch, CancellationToken cancellationToken)
        {
            foreach (var r in batch) Seen.Add(r.Question);
            return inner.ProbeAsync(batch, cancellationToken);
        }
    }

    private sealed class WordCountingLlm(int contextTokens) : ITextGenerator
    {
        public List<string> Seen { get; } = [];

        public string ModelId => "counting";

        public int? ContextTokens => contextTokens;

        public int? PromptTokens(string prompt) => Words(prompt);

        public Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            Seen.AddRange(batch.Select(b => b.Prompt));
            IReadOnlyList<string> outputs = batch.Select(_ => "Is it?").ToList();
            return Task.FromResult(outputs);
        }
    }
}
