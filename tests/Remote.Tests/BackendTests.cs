using System.Text.Json.Nodes;
using RlaifV.Schemas;
using RlaifV.Schemas.ChatApi;
using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Remote.Tests;

/// <summary>What each role sends and how it reads the answer.</summary>
public class BackendTests
{
    [Fact]
    public async Task Policy_OneRequestPerCandidateWithItsSeed_SamplingImageAndExtraInTheBody_ConcurrencyBounded()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        await using var server = await ScriptedServer.StartAsync(async (body, _, context) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (context.Items) maxInFlight = Math.Max(maxInFlight, now);
            await Task.Delay(30, context.RequestAborted);
            Interlocked.Decrement(ref inFlight);
            await Answers.Json(context, Answers.Completion($" text for seed {body["seed"]} "));
        });
        var options = Remotes.Fast(server.BaseUrl, "llava-policy") with
        {
            MaxConcurrency = 3,
            Extra = new Dictionary<string, string> { ["top_k"] = "20", ["repetition_penalty"] = "1.05", ["skip_special_tokens"] = "false", ["stop_token_ids"] = "[2, 7]", ["user"] = "rlaifv" },
        };
        using var client = new ChatCompletionsClient(options, BackendRole.Policy, new BackendMetrics());
        var policy = new RemotePolicySampler(client, round: 0);
        var png = new ImageInput("aa", Items.Image);
        var web = new ImageInput("bb", Items.Image) { Uri = "https://images.example/cat.png" };
        var requests = Enumerable.Range(0, 12).Select(i => new SamplingRequest(i % 2 == 0 ? png : web, "Describe this image.", 1000 + i)).ToList();
        var settings = new GenerationSettings { Temperature = 0.7, TopP = 0.95, MaxNewTokens = 64 };
        var texts = await policy.SampleAsync(requests, settings, CancellationToken.None);

        Assert.Equal(requests.Select(r => $"text for seed {r.Seed}"), texts.Select(t => t.Text));
        Assert.All(texts, t => Assert.Equal(1, t.TokenCount));
        Assert.Equal(12, server.Requests.Count);
        Assert.InRange(maxInFlight, 2, 3);
        foreach (var (body, _) in server.Requests)
        {
            Assert.Equal("llava-policy", body["model"]!.GetValue<string>());
            Assert.Equal(1, body["n"]!.GetValue<int>());
            Assert.Equal(0.7, body["temperature"]!.GetValue<double>());
            Assert.Equal(0.95, body["top_p"]!.GetValue<double>());
            Assert.Equal(64, body["max_tokens"]!.GetValue<int>());
            Assert.Equal(20, body["top_k"]!.GetValue<int>());
            Assert.Equal(1.05, body["repetition_penalty"]!.GetValue<double>());
            Assert.False(body["skip_special_tokens"]!.GetValue<bool>());
            Assert.Equal([2, 7], body["stop_token_ids"]!.AsArray().Select(x => x!.GetValue<int>()));
            Assert.Equal("rlaifv", body["user"]!.GetValue<string>());
            var parts = body["messages"]![0]!["content"]!.AsArray();
            Assert.Equal("image_url", parts[0]!["type"]!.GetValue<string>());
            Assert.Equal("Describe this image.", parts[1]!["text"]!.GetValue<string>());
            var url = parts[0]!["image_url"]!["url"]!.GetValue<string>();
            var seed = body["seed"]!.GetValue<long>();
            Assert.Equal((seed - 1000) % 2 == 0 ? "data:image/png;base64," + Convert.ToBase64String(Items.Image) : "https://images.example/cat.png", url);
        }
        Assert.Equal(requests.Select(r => r.Seed).Order(), server.Requests.Select(r => r.Body["seed"]!.GetValue<long>()).Order());
    }

    [Fact]
    public async Task Policy_PerRoundModelWithAdapter_RegistersItThenWaitsUntilListed()
    {
        await using var server = await ScriptedServer.StartAsync((body, _, context) => Answers.Json(context, Answers.Completion("a red circle")));
        var logs = new LogCapture();
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl, "policy-round-{round:D4}"), BackendRole.Policy, new BackendMetrics(), logs.Factory());
        var policy = new RemotePolicySampler(client, round: 3, adapterPath: "/checkpoints/round-0003/lora");
        Assert.Equal("policy-round-0003", policy.ModelId);
        var texts = await policy.SampleAsync([new SamplingRequest(new ImageInput("x", Items.Image), "Describe.", 1)], new GenerationSettings(), CancellationToken.None);
        Assert.Equal("a red circle", texts[0].Text);
        Assert.Equal(("policy-round-0003", "/checkpoints/round-0003/lora"), Assert.Single(server.Adapters));
        Assert.Equal("policy-round-0003", Assert.Single(server.Requests).Body["model"]!.GetValue<string>());
        Assert.Contains(logs.Lines, l => l.Contains("registered LoRA adapter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Policy_PerRoundModelNeverListed_StopsAfterWaitTimeoutNamingWhatIsListed()
    {
        await using var server = await ScriptedServer.StartAsync((body, _, context) => Answers.Json(context, Answers.Completion("x")));
        server.Models.Add("policy-round-0001");
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl, "policy-round-{round:D4}") with { WaitTimeout = 0.5 }, BackendRole.Policy, new BackendMetrics());
        var policy = new RemotePolicySampler(client, round: 2);
        var e = await Assert.ThrowsAsync<ModelUnavailableException>(() => policy.SampleAsync([new SamplingRequest(new ImageInput("x", Items.Image), "Describe.", 1)], new GenerationSettings(), CancellationToken.None));
        Assert.Contains("policy-round-0002", e.Message, StringComparison.Ordinal);
        Assert.Contains("the server lists: labeler, policy-round-0001", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Labeler_AsksOneGreedyTokenWithTopLogprobs()
    {
        await using var server = await ScriptedServer.StartAsync((body, _, context) => Answers.Json(context, Answers.Labeler(body)));
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl) with { TopLogprobs = 7 }, BackendRole.Labeler, new BackendMetrics());
        var p = await new RemoteYesNoLabeler(client).ProbeAsync(
            [new YesNoRequest(new ImageInput("x", Items.Image), "Is there a red circle?"), new YesNoRequest(new ImageInput("x", Items.Image), "Is there an orange star?")], CancellationToken.None);
        Assert.True(p[0].PYes > p[0].PNo);
        Assert.True(p[1].PYes < p[1].PNo);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal(1, r.Body["max_tokens"]!.GetValue<int>());
            Assert.Equal(0.0, r.Body["temperature"]!.GetValue<double>());
            Assert.True(r.Body["logprobs"]!.GetValue<bool>());
            Assert.Equal(7, r.Body["top_logprobs"]!.GetValue<int>());
        });
    }

    [Fact]
    public void LabelerAnswer_SumsEverySpellingOfYesAndNo()
    {
        using var client = new ChatCompletionsClient(Remotes.Fast("http://127.0.0.1:9/v1"), BackendRole.Labeler, new BackendMetrics());
        var labeler = new RemoteYesNoLabeler(client);
        var p = labeler.Answer(Parse(Answers.YesNo(0.5, 0.2, 0.15, 0.1)));
        Assert.Equal(0.5, p.Yes, 9);
        Assert.Equal(0.2, p.YesCapital, 9);
        Assert.Equal(0.15, p.No, 9);
        Assert.Equal(0.1, p.NoCapital, 9);
        Assert.Equal(0.7, p.PYes, 9);
        Assert.Equal(0.25, p.PNo, 9);
        // " yes" and "YES" both count as yes; the chosen token counts even when the top list leaves it out.
        var both = Parse(new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["logprobs"] = new JsonObject
                {
                    ["content"] = new JsonArray(new JsonObject
                    {
                        ["token"] = "\u2581No",
                        ["logprob"] = Math.Log(0.05),
                        ["top_logprobs"] = new JsonArray(new JsonObject { ["token"] = " yes", ["logprob"] = Math.Log(0.3) }, new JsonObject { ["token"] = "YES", ["logprob"] = Math.Log(0.1) }),
                    }),
                },
            }),
        });
        var q = labeler.Answer(both);
        Assert.Equal(0.3, q.Yes, 9);
        Assert.Equal(0.1, q.YesCapital, 9);
        Assert.Equal(0.05, q.NoCapital, 9); // a SentencePiece "▁No" left undecoded by the server is still "No"
    }

    [Fact]
    public void LabelerAnswer_NeitherYesNorNo_IsAnErrorNamingTheTokens()
    {
        using var client = new ChatCompletionsClient(Remotes.Fast("http://127.0.0.1:9/v1"), BackendRole.Labeler, new BackendMetrics());
        var e = Assert.Throws<InputRejectedException>(() => new RemoteYesNoLabeler(client).Answer(Parse(Answers.Completion("Maybe", new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject { ["token"] = "Maybe", ["logprob"] = -0.1, ["top_logprobs"] = new JsonArray(new JsonObject { ["token"] = "Maybe", ["logprob"] = -0.1 }) }),
        }))));
        Assert.Equal(DeadLetterReasons.BadModelOutput, e.Reason);
        Assert.Contains("neither \"yes\" nor \"no\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Maybe'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextGenerator_OnePromptPerRequestWithItsSeed()
    {
        await using var server = await ScriptedServer.StartAsync((body, _, context) => Answers.Json(context, Answers.Completion("- fact " + body["seed"])));
        using var client = new ChatCompletionsClient(Remotes.Fast(server.BaseUrl, "llama"), BackendRole.Llm, new BackendMetrics());
        var outputs = await new RemoteTextGenerator(client).GenerateAsync([new TextGenerationRequest("List facts.", 5), new TextGenerationRequest("List more.", 6)],
            new GenerationSettings { Temperature = 0.2, TopP = 0.9, MaxNewTokens = 256 }, CancellationToken.None);
        Assert.Equal(["- fact 5", "- fact 6"], outputs);
        Assert.All(server.Requests, r => Assert.Equal(JsonValueKindString, r.Body["messages"]![0]!["content"]!.GetValueKind()));
    }

    [Theory]
    [InlineData("round-{round:D4}", 7, "round-0007")]
    [InlineData("policy-{round}", 12, "policy-12")]
    [InlineData("fixed", 3, "fixed")]
    public void ModelNames_ForRound(string model, int round, string expected)
    {
        Assert.Equal(expected, ModelNames.ForRound(model, round));
        Assert.Equal(model.Contains('{', StringComparison.Ordinal), ModelNames.IsPerRound(model));
    }

    [Fact]
    public void Options_Problems_NameTheKeyNeverACredential()
    {
        var bad = new RemoteOptions { BaseUrl = "http://user:hunter2@host:8000/v1", Model = "m-{rnd}", Retries = -1, TopLogprobs = 21, Extra = new Dictionary<string, string> { ["seed"] = "1" } };
        var problems = bad.Problems("models.labeler");
        Assert.Contains(problems, p => p.StartsWith("models.labeler.base_url = http://***@host:8000/v1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("models.labeler.model = m-{rnd}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("models.labeler.retries = -1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("models.labeler.top_logprobs = 21", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("models.labeler.extra.seed", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("hunter2", StringComparison.Ordinal));
        Assert.Contains(new RemoteOptions { BaseUrl = "localhost:8000", Model = "" }.Problems("models.policy"), p => p.StartsWith("models.policy.model is empty", StringComparison.Ordinal));
        Assert.Empty(new RemoteOptions { BaseUrl = "https://api.example/v1", Model = "round-{round:D4}" }.Problems("models.policy"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindString = System.Text.Json.JsonValueKind.String;

    private static ChatCompletion Parse(JsonObject json) =>
        System.Text.Json.JsonSerializer.Deserialize(json.ToJsonString(), ChatApiJson.Default.ChatCompletion)!;
}
