using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Remote.Tests;

/// <summary>
/// The remote labeler against a scripted server that misbehaves: each fault is retried, then dead-lettered with its reason
/// where it is the item's fault; an outage is waited out (nothing dead-lettered) or stops the run; nothing is lost and
/// nothing counted twice. Durations are short so the tests stay fast (the server-down test waits its 10 s).
/// </summary>
public class FaultTests
{
    private const int Prompts = 24;

    [Fact]
    public async Task Probe_429WithRetryAfter_WaitsAsToldThenAnswers()
    {
        await using var server = await ScriptedServer.StartAsync((body, attempt, context) =>
            attempt == 0 ? Answers.Error(context, 429, "slow down", retryAfterSeconds: 1) : Answers.Json(context, Answers.Labeler(body)));
        var metrics = new BackendMetrics();
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl) with { MaxRetryDelay = 5 }, BackendRole.Labeler, metrics);
        var clock = Stopwatch.StartNew();
        var answers = await new RemoteYesNoLabeler(client).ProbeAsync([new YesNoRequest(new ImageInput("x", Items.Image), "Is there a red circle?")], CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"Retry-After: 1 was not honoured ({clock.Elapsed.TotalSeconds:F2} s)");
        Assert.True(answers[0].PYes > answers[0].PNo);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, metrics.Errors.WithLabels("labeler", "openai", "rate_limited").Value);
        Assert.Equal(1, metrics.Requests.WithLabels("labeler", "openai", "ok").Value);
        Assert.Equal(12, metrics.Tokens.WithLabels("labeler", "openai", "in").Value);
    }

    [Fact]
    public async Task Graph_500sOnOneClaim_RetriedThenThoseCandidatesDeadLetteredTheRestComplete()
    {
        const string marker = "yellow star";
        await using var server = await ScriptedServer.StartAsync((body, attempt, context) =>
            ScriptedServer.TextOf(body).Contains(marker, StringComparison.Ordinal) || (attempt == 0 && ScriptedServer.TextOf(body).Contains("red square", StringComparison.Ordinal))
                ? Answers.Error(context, 500, "CUDA error: an illegal memory access")
                : Answers.Json(context, Answers.Labeler(body)));
        var metrics = new BackendMetrics();
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl), BackendRole.Labeler, metrics);
        var run = await Remotes.RunAsync(client, Prompts);

        Remotes.AssertNothingLostNothingTwice(run, Prompts);
        var letters = Remotes.Letters(run);
        Assert.Equal(Remotes.CandidatesMentioning(Prompts, marker), letters.Count);
        Assert.True(letters.Count > 0);
        Assert.All(letters, l =>
        {
            Assert.Equal(DeadLetterReasons.ModelError, l.Reason);
            Assert.Contains("500", l.Detail, StringComparison.Ordinal);
            Assert.Contains(server.BaseUrl, l.Detail, StringComparison.Ordinal);
            Assert.Contains("illegal memory access", l.Detail, StringComparison.Ordinal);
        });
        Assert.True(server.AttemptsFor(marker) >= 3, "each failing question is tried 1 + retries times");
        Assert.True(metrics.Errors.WithLabels("labeler", "openai", "server_error").Value >= 3);
        // A 500 that goes away on retry costs nothing.
        Assert.Equal(Remotes.CandidatesMentioning(Prompts, marker), run.Results.Results.Sum(r => r.FailedCandidates));
    }

    [Fact]
    public async Task Graph_AnswerSlowerThanTheTimeout_RetriedThenDeadLetteredAsTimeout()
    {
        const string marker = "green circle";
        await using var server = await ScriptedServer.StartAsync(async (body, attempt, context) =>
        {
            if (ScriptedServer.TextOf(body).Contains(marker, StringComparison.Ordinal)) await Task.Delay(1500, context.RequestAborted);
            await Answers.Json(context, Answers.Labeler(body));
        });
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl) with { Timeout = 0.3, Retries = 1 }, BackendRole.Labeler, new BackendMetrics());
        var run = await Remotes.RunAsync(client, Prompts);

        Remotes.AssertNothingLostNothingTwice(run, Prompts);
        var letters = Remotes.Letters(run);
        Assert.Equal(Remotes.CandidatesMentioning(Prompts, marker), letters.Count);
        Assert.All(letters, l =>
        {
            Assert.Equal(DeadLetterReasons.ModelTimeout, l.Reason);
            Assert.Contains("did not answer this input within 0.3 s on any of 2 attempts", l.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Graph_MalformedJson_RetriedThenDeadLettered_ACutAnswerOnceCostsNothing()
    {
        const string marker = "blue square";
        await using var server = await ScriptedServer.StartAsync((body, attempt, context) =>
        {
            var text = ScriptedServer.TextOf(body);
            if (text.Contains(marker, StringComparison.Ordinal) || (attempt == 0 && text.Contains("red triangle", StringComparison.Ordinal)))
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync("{\"choices\": [{\"index\": 0, \"message\": {\"content\": \"ye");
            }
            return Answers.Json(context, Answers.Labeler(body));
        });
        var metrics = new BackendMetrics();
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl), BackendRole.Labeler, metrics);
        var run = await Remotes.RunAsync(client, Prompts);

        Remotes.AssertNothingLostNothingTwice(run, Prompts);
        var letters = Remotes.Letters(run);
        Assert.Equal(Remotes.CandidatesMentioning(Prompts, marker), letters.Count);
        Assert.All(letters, l =>
        {
            Assert.Equal(DeadLetterReasons.BadModelOutput, l.Reason);
            Assert.Contains("malformed JSON on 3 attempts", l.Detail, StringComparison.Ordinal);
        });
        Assert.True(metrics.Errors.WithLabels("labeler", "openai", "malformed").Value >= 3);
    }

    [Fact]
    public async Task Graph_AnswerWithoutLogprobs_DeadLetteredNamingServerAndModel_NeverASilentNo()
    {
        const string marker = "yellow circle";
        await using var server = await ScriptedServer.StartAsync((body, attempt, context) =>
            ScriptedServer.TextOf(body).Contains(marker, StringComparison.Ordinal)
                ? Answers.Json(context, Answers.Completion("no"))
                : Answers.Json(context, Answers.Labeler(body)));
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl), BackendRole.Labeler, new BackendMetrics());
        var run = await Remotes.RunAsync(client, Prompts);

        Remotes.AssertNothingLostNothingTwice(run, Prompts);
        var letters = Remotes.Letters(run);
        Assert.Equal(Remotes.CandidatesMentioning(Prompts, marker), letters.Count);
        Assert.All(letters, l =>
        {
            Assert.Equal(DeadLetterReasons.BadModelOutput, l.Reason);
            Assert.Contains($"labeler server {server.BaseUrl} (model labeler) returned no logprobs", l.Detail, StringComparison.Ordinal);
        });
        // No verdict anywhere was made from an answer without log-probs.
        Assert.DoesNotContain(run.Results.Results.SelectMany(r => r.Scored).SelectMany(s => s.Verdicts), v => v.Question.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Graph_ServerDownFor10Seconds_WaitedOut_NothingLostNothingTwice_CircuitOpensAndCloses()
    {
        await using var server = await ScriptedServer.StartAsync(async (body, attempt, context) =>
        {
            await Task.Delay(5, context.RequestAborted);
            await Answers.Json(context, Answers.Labeler(body));
        });
        var logs = new LogCapture();
        var metrics = new BackendMetrics();
        var options = Remotes.Fast(server.BaseUrl) with { CircuitBreak = 1, CircuitMinimumThroughput = 4, CircuitFailureRatio = 0.5, OutageTimeout = 60, MaxConcurrency = 4 };
        using var client = new ChatCompletionsClient(options, BackendRole.Labeler, metrics, logs.Factory());
        const int prompts = 60;
        var running = Remotes.RunAsync(client, prompts, policyDelay: TimeSpan.FromMilliseconds(30));
        while (server.Requests.Count < 20 && !running.IsCompleted) await Task.Delay(10);
        Assert.False(running.IsCompleted, "the run ended before the outage");
        await server.DownAsync();
        var down = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await server.UpAsync();
        var run = await running;

        Remotes.AssertNothingLostNothingTwice(run, prompts);
        Assert.Empty(Remotes.Letters(run));
        Assert.Equal(Graphs.ExpectedPairIds(Enumerable.Range(0, prompts).Select(i => $"p{i}"), Graphs.Stages(n: 4)).Order(), run.Results.Results.SelectMany(r => r.Pairs).Select(p => p.Id).Order());
        Assert.True(down.Elapsed >= TimeSpan.FromSeconds(10));
        Assert.True(metrics.Errors.WithLabels("labeler", "openai", "connection").Value > 0);
        Assert.True(metrics.Errors.WithLabels("labeler", "openai", "circuit_open").Value > 0, "the circuit never opened");
        Assert.Contains(logs.Lines, l => l.Contains("circuit opened", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("circuit closed", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("unreachable for", StringComparison.Ordinal) && l.Contains(server.BaseUrl, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("reachable again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Graph_OutageLongerThanItsBudget_StopsTheRunNamingTheServer_DeadLettersNothing()
    {
        await using var server = await ScriptedServer.StartAsync((body, _, context) => Answers.Json(context, Answers.Labeler(body)));
        await server.DownAsync();
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl) with { OutageTimeout = 1 }, BackendRole.Labeler, new BackendMetrics());
        var run = await Remotes.RunAsync(client, 8);

        var fault = Assert.IsType<StageException>(run.Fault is AggregateException a ? a.InnerExceptions[0] : run.Fault);
        Assert.Equal("verify", fault.Stage);
        Assert.IsType<ModelUnavailableException>(fault.InnerException);
        Assert.Contains($"labeler server {server.BaseUrl} (model labeler) has been unreachable", fault.Message, StringComparison.Ordinal);
        Assert.Empty(Remotes.Letters(run));
    }

    [Fact]
    public async Task Probe_400_IsThatItemsRejectionWithoutRetry()
    {
        await using var server = await ScriptedServer.StartAsync((_, _, context) => Answers.Error(context, 400, "image too large for this model"));
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl), BackendRole.Labeler, new BackendMetrics());
        var e = await Assert.ThrowsAsync<InputRejectedException>(() => new RemoteYesNoLabeler(client).ProbeAsync([new YesNoRequest(new ImageInput("x", Items.Image), "Is it red?")], CancellationToken.None));
        Assert.Equal(DeadLetterReasons.ModelRejected, e.Reason);
        Assert.Contains("refused this input (400): image too large for this model", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Probe_401_StopsTheRun_TheApiKeyAppearsNowhere()
    {
        const string key = "sk-test-5ecret-value";
        await using var server = await ScriptedServer.StartAsync((_, _, context) => Answers.Error(context, 401, "invalid api key"));
        var logs = new LogCapture();
        var metrics = new BackendMetrics();
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl) with { ApiKey = key }, BackendRole.Labeler, metrics, logs.Factory());
        var e = await Assert.ThrowsAsync<ModelUnavailableException>(() => new RemoteYesNoLabeler(client).ProbeAsync([new YesNoRequest(new ImageInput("x", Items.Image), "Is it red?")], CancellationToken.None));
        Assert.Contains("refused the credentials (401", e.Message, StringComparison.Ordinal);
        Assert.Equal("Bearer " + key, Assert.Single(server.Requests).Authorization);
        using var exposition = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(exposition);
        foreach (var text in new[] { e.ToString(), logs.All, System.Text.Encoding.UTF8.GetString(exposition.ToArray()) })
            Assert.DoesNotContain("5ecret", text, StringComparison.Ordinal);
    }
}
