using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RlaifV.Evaluation;
using RlaifV.Runtime.Cli;
using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Runtime.Tests;

/// <summary>rlaifv eval end to end: the judged benchmark over a real OpenAI-compatible HTTP server (Kestrel on loopback, scripted).</summary>
public sealed class EvalCommandTests
{
    private static string Root()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RlaifV.sln"))) root = Path.GetDirectoryName(root)!;
        return root;
    }

    [Fact]
    public async Task Eval_MmhalWithJudgeOnAnOpenAiCompatibleServer_RatesTheFixtureFromCachedResponses()
    {
        using var dir = new TempDir();
        var requests = new List<string>();
        await using var judge = await StartJudgeAsync(prompt =>
        {
            lock (requests) requests.Add(prompt);
            return prompt.Contains("The cat is black.", StringComparison.Ordinal) ? "Accurate and complete. Rating: 6"
                : prompt.Contains("Two people.", StringComparison.Ordinal) ? "It counts three people. Rating: 1"
                : "It says there is no car, as the reference does. Rating: 4";
        });
        // The fixture in MMHal-Bench's layout (response_template.json, images/) as the Evaluation tests commit it.
        string data = Path.Combine(Root(), "tests", "Evaluation.Tests", "Fixtures", "mmhal", "response_template.json");
        string policy = Path.Combine(Root(), "src", "World", "Weights", "policy");
        string cacheDir = dir.File("cache");
        // The policy's answers are already cached (a judge rerun): no policy is loaded, nothing is sampled.
        var greedy = new GenerationSettings { Temperature = 0, MaxNewTokens = 96 };
        string cached = new ResponseCache(cacheDir).FileOf(PolicyDigest.Of(policy), "mmhal", greedy);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.WriteAllLines(cached, ["{\"id\":\"0\",\"response\":\"The cat is black.\"}", "{\"id\":\"1\",\"response\":\"Three people.\"}", "{\"id\":\"2\",\"response\":\"There is no car.\"}"]);
        File.WriteAllText(dir.File("pipeline.yaml"), $$"""
            sampling:
              max_new_tokens: 96
            models:
              llm: { backend: openai, base_url: "{{judge.BaseUrl}}", model: judge, retries: 0 }
            eval:
              cache_dir: "{{cacheDir}}"
              batch_size: 2
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CommandLine.RunAsync(["eval", "--benchmark", "mmhal", "--data", data, "--policy", policy, "--config", dir.File("pipeline.yaml"), "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        Assert.Equal(3, requests.Count);
        Assert.Contains(requests, r => r.Contains("The assistant's answer: Three people.", StringComparison.Ordinal) && r.Contains("person, umbrella", StringComparison.Ordinal));
        using var result = JsonDocument.Parse(stdout.ToString());
        var e = result.RootElement;
        Assert.Equal("mmhal", e.GetProperty("benchmark").GetString());
        Assert.Equal(0, e.GetProperty("generated").GetInt32());
        var metrics = e.GetProperty("metrics");
        Assert.Equal(11.0 / 3, metrics.GetProperty("mean_rating").GetDouble(), 9);     // (6 + 1 + 4) / 3
        Assert.Equal(1.0 / 3, metrics.GetProperty("hallucination_rate").GetDouble(), 9); // one rating below 3
        Assert.Equal(0, metrics.GetProperty("unrated").GetArrayLength());
    }

    [Fact]
    public async Task Eval_AmberWithTheShippedPolicy_GeneratesOnceThenScoresFromTheCache()
    {
        using var dir = new TempDir();
        // AMBER's fixture folder with real images the policy can see (the committed fixture's images are placeholders).
        string amber = dir.File("amber");
        foreach (var file in Directory.GetFiles(Path.Combine(Root(), "tests", "Evaluation.Tests", "Fixtures", "amber"), "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Path.Combine(Root(), "tests", "Evaluation.Tests", "Fixtures", "amber"), file);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(amber, relative))!);
            File.Copy(file, Path.Combine(amber, relative));
        }
        for (int i = 1; i <= 7; i++) File.WriteAllBytes(Path.Combine(amber, "image", $"AMBER_{i}.jpg"), Png.Solid(48, 48, (byte)(30 * i), 90, 160));
        File.WriteAllText(dir.File("pipeline.yaml"), $$"""
            sampling:
              max_new_tokens: 24
            models:
              policy: { backend: llava, path: "{{Path.Combine(Root(), "src", "World", "Weights", "policy")}}", batch_size: 8 }
            eval:
              cache_dir: "{{dir.File("cache")}}"
            """);
        string[] args = ["eval", "--benchmark", "amber", "--data", amber, "--policy", Path.Combine(Root(), "src", "World", "Weights", "policy"), "--config", dir.File("pipeline.yaml"), "--json"];
        var first = new StringWriter();
        var stderr = new StringWriter();

        Assert.True(await CommandLine.RunAsync(args, first, stderr) == 0, stderr.ToString());
        var second = new StringWriter();
        Assert.True(await CommandLine.RunAsync(args, second, stderr) == 0, stderr.ToString());

        using var a = JsonDocument.Parse(first.ToString());
        using var b = JsonDocument.Parse(second.ToString());
        Assert.Equal(7, a.RootElement.GetProperty("generated").GetInt32());
        Assert.Equal(0, b.RootElement.GetProperty("generated").GetInt32());
        var metrics = a.RootElement.GetProperty("metrics");
        Assert.Equal(3, metrics.GetProperty("generative").GetInt32());
        Assert.Equal(4, metrics.GetProperty("discriminative").GetInt32());
        Assert.Equal(metrics.GetRawText(), b.RootElement.GetProperty("metrics").GetRawText());
        Assert.Equal(7, File.ReadAllLines(Directory.GetFiles(dir.File("cache"), "amber-*.jsonl", SearchOption.AllDirectories).Single()).Length);
    }

    [Fact]
    public async Task Eval_JudgedBenchmarkWithoutJudgeModel_Exits2NamingTheKey()
    {
        var stderr = new StringWriter();
        string data = Path.Combine(Root(), "tests", "Evaluation.Tests", "Fixtures", "mmhal", "response_template.json");
        int code = await CommandLine.RunAsync(["eval", "--benchmark", "mmhal", "--data", data, "--policy", Path.Combine(Root(), "src", "World", "Weights", "policy")], new StringWriter(), stderr);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("models.llm.backend = none", stderr.ToString(), StringComparison.Ordinal);
    }

    private static async Task<JudgeServer> StartJudgeAsync(Func<string, string> verdict)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/v1/models", () => Results.Json(new JsonObject { ["object"] = "list", ["data"] = new JsonArray(new JsonObject { ["id"] = "judge", ["object"] = "model" }) }));
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var content = body["messages"]![0]!["content"]!;
            string prompt = content is JsonArray parts ? parts.Select(p => p!["text"]?.GetValue<string>()).First(t => t is not null)! : content.GetValue<string>();
            var answer = new JsonObject
            {
                ["id"] = "chatcmpl-1",
                ["object"] = "chat.completion",
                ["created"] = 1,
                ["model"] = "judge",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = verdict(prompt) }, ["finish_reason"] = "stop" }),
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString());
        });
        await app.StartAsync();
        return new JudgeServer(app, $"http://127.0.0.1:{port}/v1");
    }

    private sealed class JudgeServer(WebApplication app, string baseUrl) : IAsyncDisposable
    {
        public string BaseUrl { get; } = baseUrl;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
