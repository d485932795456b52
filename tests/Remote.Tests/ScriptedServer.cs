using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RlaifV.Remote.Tests;

/// <summary>
/// A real HTTP server on loopback (Kestrel) that answers <c>/v1/chat/completions</c> as a script says: the script gets the
/// request body and how many times this request's text was asked before, and writes the answer. It records every
/// request, lists <see cref="Models"/> on <c>/v1/models</c>, and can go down and come back on the same port.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly Func<JsonObject, int, HttpContext, Task> script;
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);
    private WebApplication? app;

    private ScriptedServer(Func<JsonObject, int, HttpContext, Task> script, int port)
    {
        this.script = script;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    public ConcurrentQueue<(JsonObject Body, string? Authorization)> Requests { get; } = new();

    public List<string> Models { get; } = ["labeler"];

    public ConcurrentQueue<(string Name, string Path)> Adapters { get; } = new();

    /// <summary>Attempts seen for requests whose text contains <paramref name="marker"/>.</summary>
    public int AttemptsFor(string marker) => attempts.Where(a => a.Key.Contains(marker, StringComparison.Ordinal)).Sum(a => a.Value);

    public static async Task<ScriptedServer> StartAsync(Func<JsonObject, int, HttpContext, Task> script)
    {
        var server = new ScriptedServer(script, FreePort());
        await server.UpAsync();
        return server;
    }

    /// <summary>The text of the request's user message (its text part).</summary>
    public static string TextOf(JsonObject body)
    {
        var content = body["messages"]![0]!["content"]!;
        return content is JsonArray parts ? parts.Select(p => p!["text"]?.GetValue<string>()).First(t => t is not null)! : content.GetValue<string>();
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var web = builder.Build();
        web.MapGet("/v1/models", () => Results.Json(new JsonObject { ["object"] = "list", ["data"] = new JsonArray(Models.Select(m => (JsonNode)new JsonObject { ["id"] = m, ["object"] = "model" }).ToArray()) }));
        web.MapPost("/v1/load_lora_adapter", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var name = body["lora_name"]!.GetValue<string>();
            Adapters.Enqueue((name, body["lora_path"]!.GetValue<string>()));
            lock (Models) Models.Add(name);
            await context.Response.WriteAsync($"Success: LoRA adapter '{name}' added successfully.");
        });
        web.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            Requests.Enqueue((body, context.Request.Headers.Authorization.ToString()));
            var text = TextOf(body);
            var attempt = attempts.AddOrUpdate(text, 1, (_, n) => n + 1) - 1;
            await script(body, attempt, context);
        });
        await web.StartAsync();
        app = web;
    }

    public async Task DownAsync()
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    public ValueTask DisposeAsync() => new(DownAsync());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
