using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

namespace RlaifV.Remote.Tests;

/// <summary>Short durations for tests, and whole-graph runs with a remote labeler.</summary>
internal static class Remotes
{
    public static RemoteOptions Fast(string baseUrl, string model = "labeler") => new()
    {
        BaseUrl = baseUrl,
        Model = model,
        Timeout = 2,
        Retries = 2,
        RetryDelay = 0.01,
        MaxRetryDelay = 0.05,
        CircuitBreak = 0.5,
        CircuitMinimumThroughput = 100_000,
        OutageTimeout = 30,
        WaitTimeout = 5,
    };

    public sealed record GraphRun(MemoryResultSink Results, MemoryDeadLetterSink DeadLetters, Exception? Fault);

    /// <summary>The shapes policy (n = 4), the rules and a remote labeler over <paramref name="labeler"/>, for <paramref name="prompts"/> prompts.</summary>
    public static async Task<GraphRun> RunAsync(ChatCompletionsClient labeler, int prompts, TimeSpan? policyDelay = null)
    {
        var options = Graphs.Stages(n: 4);
        var metrics = new PipelineMetrics();
        var accounting = new PromptAccounting(metrics);
        var sink = new MemoryResultSink();
        var deadLetters = new MemoryDeadLetterSink();
        using var abort = new CancellationTokenSource();
        var models = new ModelSet(new ShapesPolicy(policyDelay), new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), new RemoteYesNoLabeler(labeler), new HeaderOnlyDecoder());
        var topology = Topology.Build(options, models, sink, new DeadLetters(deadLetters, metrics), accounting, metrics, abort.Token);
        var source = new MemorySource(Enumerable.Range(0, prompts).Select(i => Items.Ingest($"p{i}", i)));
        Exception? fault = null;
        try
        {
            await PipelineRunner.RunAsync(source, topology, accounting, abort, CancellationToken.None);
        }
        catch (Exception e)
        {
            fault = e;
        }
        return new GraphRun(sink, deadLetters, fault);
    }

    /// <summary>The candidates of the graph's prompts whose claims contain <paramref name="marker"/> (the shapes policy is deterministic).</summary>
    public static int CandidatesMentioning(int prompts, string marker)
    {
        var o = Graphs.Stages(n: 4);
        return Enumerable.Range(0, prompts).Sum(p => Enumerable.Range(0, 4).Count(i =>
            ShapesPolicy.TextFor(Seeds.ForCandidate(o.Run.GlobalSeed, o.Run.Round, $"p{p}", i)).Contains(marker, StringComparison.Ordinal)));
    }

    /// <summary>Every prompt completed, with all n candidates either scored or counted failed, and no pair twice.</summary>
    public static void AssertNothingLostNothingTwice(GraphRun run, int prompts)
    {
        Assert.Null(run.Fault);
        Assert.Equal(prompts, run.Results.Results.Count);
        Assert.Equal(prompts, run.Results.Results.Select(r => r.Source.Prompt.Id).Distinct().Count());
        Assert.All(run.Results.Results, r => Assert.Equal(4, r.Scored.Count + r.FailedCandidates));
        var pairs = run.Results.Results.SelectMany(r => r.Pairs).Select(p => p.Id).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        var letters = run.DeadLetters.Letters.Select(l => l.Key).ToList();
        Assert.Equal(letters.Count, letters.Distinct().Count());
    }

    public static IReadOnlyList<DeadLetter> Letters(GraphRun run) => run.DeadLetters.Letters;
}
