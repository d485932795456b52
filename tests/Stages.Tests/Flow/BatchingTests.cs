using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Stages.Tests.Flow;

public class BatchingTests
{
    private static readonly BatchingOptions Batch = new() { Size = 4, FlushMs = 20, Capacity = 8, MaxConsecutiveFailures = 3 };

    private static CandidateItem Candidate(string promptId, int index, string text) => new()
    {
        Source = new PromptItem(Items.Prompt(promptId), new PromptTicket($"t:{promptId}", 0)),
        Expected = 1,
        Candidate = new Candidate { PromptId = promptId, Round = 2, Index = index, Seed = index, Text = text, TokenCount = 1, PolicyId = "p" },
    };

    [Theory]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(OutOfMemoryException))]
    [InlineData(typeof(ExternalException))]
    public async Task Extract_SystemErrorOnOneItem_StopsTheRunAtOnceWithStageKeyAndCause(Type error)
    {
        var metrics = new PipelineMetrics();
        var dlq = new MemoryDeadLetterSink();
        var stage = new ExtractStage(new ClaimsOptions { Batch = Batch }, new RunContext { Round = 2 }, new FailingExtractor(error), new DeadLetters(dlq, metrics), metrics, CancellationToken.None);
        await stage.Input.SendAsync(Candidate("a", 0, "There is a red star."));
        stage.Input.Complete();
        var e = await Assert.ThrowsAsync<StageException>(async () =>
        {
            while (await stage.Output.OutputAvailableAsync()) await stage.Output.ReceiveAsync();
            await stage.Output.Completion;
        });
        Assert.Equal(("extract", "a#r2c0"), (e.Stage, e.Key));
        Assert.IsType(error, e.InnerException);
        Assert.Empty(dlq.Letters);
    }

    [Fact]
    public async Task Sample_DeterministicRun_PartialBatchWaitsForTheEndOfInputNotForATimeout()
    {
        var metrics = new PipelineMetrics();
        var run = new RunContext { Round = 1, GlobalSeed = 3, Deterministic = true };
        var stage = new SampleStage(new SamplingOptions { N = 2, Batch = Batch with { Size = 8, FlushMs = 10 } }, run, new ShapesPolicy(), new DeadLetters(new MemoryDeadLetterSink(), metrics), new RecordingTracker(), metrics, CancellationToken.None);
        await stage.Input.SendAsync(new PromptItem(Items.Prompt("only"), new PromptTicket("t", 0)));
        using (var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(400)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stage.Output.OutputAvailableAsync(wait.Token));
        }
        stage.Input.Complete();
        Assert.Equal("only", (await stage.Output.ReceiveAsync()).Candidate.PromptId);
    }

    [Fact]
    public async Task Run_IsolatedPrompt_IsAloneInItsBatchAndNothingElseIsInFlightWithIt()
    {
        var options = Graphs.Stages(n: 2) with { Run = new RunContext { Round = 1, GlobalSeed = 7, Deterministic = true } };
        var metrics = new PipelineMetrics();
        var accounting = new PromptAccounting(metrics);
        var policy = new RecordingPolicy(() => accounting.InFlight);
        var sink = new MemoryResultSink();
        using var abort = new CancellationTokenSource();
        var topology = Topology.Build(options, Graphs.Models(policy), sink, new DeadLetters(new MemoryDeadLetterSink(), metrics), accounting, metrics, abort.Token);
        var items = Enumerable.Range(0, 7).Select(i => Items.Ingest($"p{i}", i, instruction: $"p{i}") with { Isolated = i == 3 }).ToList();
        await PipelineRunner.RunAsync(new MemorySource(items), topology, accounting, abort, CancellationToken.None);

        Assert.Equal(7, sink.Results.Count);
        var batches = policy.Batches.ToList();
        Assert.Contains(batches, b => b.SequenceEqual(["p3"]));
        var alone = batches.FindIndex(b => b.Contains("p3"));
        Assert.Equal(["p0", "p1", "p2"], batches.Take(alone).SelectMany(b => b));
        Assert.Equal(["p4", "p5", "p6"], batches.Skip(alone + 1).SelectMany(b => b));
        Assert.Equal(1, policy.InFlightWithP3);
    }

    /// <summary>Records each policy call's prompts (instructions are the ids) and how many prompts were in flight when p3 was sampled.</summary>
    private sealed class RecordingPolicy(Func<long> inFlight) : IPolicySampler
    {
        private readonly ShapesPolicy inner = new();

        public ConcurrentQueue<List<string>> Batches { get; } = new();

        public long InFlightWithP3 { get; private set; } = -1;

        public string ModelId => inner.ModelId;

        public Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            var prompts = batch.Select(r => r.Instruction).Distinct().ToList();
            Batches.Enqueue(prompts);
            if (prompts.Contains("p3")) InFlightWithP3 = inFlight();
            return inner.SampleAsync(batch, settings, cancellationToken);
        }
    }

    private sealed class FailingExtractor(Type error) : IClaimExtractor
    {
        public string ExtractorId => "failing";

        public Task<IReadOnlyList<IReadOnlyList<string>>> ExtractAsync(IReadOnlyList<ClaimRequest> batch, CancellationToken cancellationToken) =>
            throw (Exception)Activator.CreateInstance(error, "boom")!;
    }
}
