using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RlaifV.Models;
using RlaifV.Remote;
using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Serving.Tests;

/// <summary>rlaifv serve's routes, its errors, its batching, and the remote backends against it.</summary>
public class ServeTests
{
    private static ServeOptions Options(string model, int maxBatchRows = 64, string? checkpoints = null) =>
        new() { Model = new BackendOptions { Path = model, Threads = 1, BatchSize = 1 }, Port = 0, MaxBatchRows = maxBatchRows, BatchWindowMs = 20, CheckpointsDir = checkpoints };

    private static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static JsonObject Request(string model, string text, string? imageUrl, JsonObject? more = null)
    {
        JsonNode content = imageUrl is null ? JsonValue.Create(text) : new JsonArray(
            new JsonObject { ["type"] = "text", ["text"] = text },
            new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = imageUrl } });
        var body = new JsonObject { ["model"] = model, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }), ["max_tokens"] = 8 };
        foreach (var (k, v) in more ?? []) body[k] = v?.DeepClone();
        return body;
    }

    [Fact]
    public async Task Routes_ModelsHealthzMetrics_AndErrorsAsOpenAiErrorObjects()
    {
        await using var server = await ModelServer.StartAsync(Options(WorldWeights.Labeler));
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
        var models = await http.GetFromJsonAsync<JsonObject>("models");
        Assert.Equal("list", models!["object"]!.GetValue<string>());
        Assert.Equal("labeler", models["data"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server.BaseUrl.Replace("/v1", "/healthz", StringComparison.Ordinal)))).StatusCode);

        var png = DataUrl(Png.Solid(48, 48));
        (string Param, int Status, JsonObject Body)[] bad =
        [
            ("model", 404, Request("nope", "Is it red?", png)),
            ("messages[0].content", 400, Request("labeler", "Is it red?", "https://example.com/cat.png")),
            ("messages[0].content", 400, Request("labeler", "Is it red?", "data:image/png;base64,@@@")),
            ("stream", 400, Request("labeler", "Is it red?", png, new JsonObject { ["stream"] = true })),
            ("top_logprobs", 400, Request("labeler", "Is it red?", png, new JsonObject { ["logprobs"] = true, ["top_logprobs"] = 21 })),
            ("max_tokens", 400, Request("labeler", "Is it red?", png, new JsonObject { ["max_tokens"] = 100_000 })),
            ("messages", 400, new JsonObject { ["model"] = "labeler", ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "x" }, new JsonObject { ["role"] = "user", ["content"] = "y" }) }),
        ];
        foreach (var (param, status, body) in bad)
        {
            var response = await http.PostAsJsonAsync("chat/completions", body);
            Assert.Equal(status, (int)response.StatusCode);
            var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
            Assert.Equal(param, error["param"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
            Assert.Equal(status == 404 ? "not_found_error" : "invalid_request_error", error["type"]!.GetValue<string>());
        }
        var garbage = await http.PostAsync("chat/completions", new StringContent("{\"model\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("nothing-here")).StatusCode);

        var metrics = await http.GetStringAsync(new Uri(server.BaseUrl.Replace("/v1", "/metrics", StringComparison.Ordinal)));
        Assert.Contains("rlaifv_serve_requests_total{endpoint=\"chat_completions\",status=\"400\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("rlaifv_serve_requests_total{endpoint=\"models\",status=\"200\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("rlaifv_serve_request_duration_seconds_bucket{endpoint=\"chat_completions\"", metrics, StringComparison.Ordinal);
        Assert.Contains("rlaifv_serve_batch_rows_bucket", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteBackends_OneRowPerForwardPass_AnswerExactlyAsInProcess()
    {
        // The in-process sampler and labeler with one row per forward pass, and the same through rlaifv serve.
        using var policyBackend = LlavaBackend.Load(new BackendOptions { Path = WorldWeights.Policy, Threads = 1, BatchSize = 1 });
        using var labelerBackend = LlavaBackend.Load(new BackendOptions { Path = WorldWeights.Labeler, Threads = 1, BatchSize = 1 });
        await using var policyServer = await ModelServer.StartAsync(Options(WorldWeights.Policy, maxBatchRows: 1));
        await using var labelerServer = await ModelServer.StartAsync(Options(WorldWeights.Labeler, maxBatchRows: 1));
        var metrics = new BackendMetrics();
        using var policyClient = new ChatCompletionsClient(new RemoteOptions { BaseUrl = policyServer.BaseUrl, Model = "policy" }, BackendRole.Policy, metrics);
        using var labelerClient = new ChatCompletionsClient(new RemoteOptions { BaseUrl = labelerServer.BaseUrl, Model = "labeler" }, BackendRole.Labeler, metrics);

        var image = new ImageInput(RlaifV.Schemas.ImageRef.HashOf(Png.Solid(48, 48, 200, 40, 40)), Png.Solid(48, 48, 200, 40, 40));
        var requests = Enumerable.Range(0, 6).Select(i => new SamplingRequest(image, i % 2 == 0 ? "Describe this image in detail." : "What is in the image?", 9000 + i)).ToList();
        var settings = new GenerationSettings { Temperature = 0.7, MaxNewTokens = 40 };
        var local = await policyBackend.CreatePolicySampler().SampleAsync(requests, settings, CancellationToken.None);
        var remote = await new RemotePolicySampler(policyClient, 0).SampleAsync(requests, settings, CancellationToken.None);
        Assert.Equal(local.Select(t => (t.Text, t.TokenCount)), remote.Select(t => (t.Text, t.TokenCount)));

        var questions = local.SelectMany(t => RlaifV.Stages.Rules.RuleBasedClaimExtractor.Extract(t.Text)).Distinct().Take(12)
            .Select(c => new YesNoRequest(image, RlaifV.Stages.Rules.RuleBasedQuestionRewriter.Rewrite(c) + " Please answer yes or no.")).ToList();
        Assert.NotEmpty(questions);
        var localP = await labelerBackend.CreateYesNoLabeler().ProbeAsync(questions, CancellationToken.None);
        var remoteP = await new RemoteYesNoLabeler(labelerClient).ProbeAsync(questions, CancellationToken.None);
        for (var i = 0; i < questions.Count; i++)
        {
            Assert.Equal(localP[i].PYes > localP[i].PNo, remoteP[i].PYes > remoteP[i].PNo);
            Assert.Equal(localP[i].PYes, remoteP[i].PYes, 4);
            Assert.Equal(localP[i].PNo, remoteP[i].PNo, 4);
        }
        Assert.True(metrics.Tokens.WithLabels("policy", "openai", "out").Value > 0);
    }

    [Fact]
    public async Task ConcurrentRequests_SharedForwardPasses_OnlyWhenBatchingIsOn()
    {
        foreach (var rows in new[] { 1, 64 })
        {
            await using var server = await ModelServer.StartAsync(Options(WorldWeights.Policy, maxBatchRows: rows));
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
            var png = DataUrl(Png.Solid(48, 48));
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                http.PostAsJsonAsync("chat/completions", Request("policy", "Describe this image in detail.", png, new JsonObject { ["seed"] = i, ["temperature"] = 0.7 }))));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            var batches = server.Metrics.BatchRows;
            Assert.Equal(8, batches.Sum);
            if (rows == 1) Assert.Equal(8, batches.Count);
            else Assert.True(batches.Count < 8, $"8 concurrent requests ran in {batches.Count} forward passes");
        }
    }

    [Fact]
    public async Task StopSequence_CutsTheText_FinishReasonStop()
    {
        await using var server = await ModelServer.StartAsync(Options(WorldWeights.Policy));
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
        var png = DataUrl(Png.Solid(48, 48));
        var full = await (await http.PostAsJsonAsync("chat/completions", Request("policy", "Describe this image in detail.", png, new JsonObject { ["temperature"] = 0, ["max_tokens"] = 40 }))).Content.ReadFromJsonAsync<JsonObject>();
        var text = full!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        var stop = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        var cut = await (await http.PostAsJsonAsync("chat/completions", Request("policy", "Describe this image in detail.", png, new JsonObject { ["temperature"] = 0, ["max_tokens"] = 40, ["stop"] = stop }))).Content.ReadFromJsonAsync<JsonObject>();
        var choice = cut!["choices"]![0]!;
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.True(cut["usage"]!["completion_tokens"]!.GetValue<int>() < full["usage"]!["completion_tokens"]!.GetValue<int>());
    }
}
