using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RlaifV.Schemas.ChatApi;

namespace RlaifV.Serving;

/// <summary>
/// <c>rlaifv serve</c>: RlaifV's TorchSharp models behind an OpenAI-compatible server (ASP.NET Core minimal API on
/// Kestrel). Routes: <c>GET /v1/models</c>; <c>POST /v1/chat/completions</c> (n, seed, temperature, top_p, max_tokens,
/// stop, logprobs, top_logprobs, top_k and repetition_penalty, text and image_url parts with data URLs);
/// <c>POST /v1/load_lora_adapter</c> and <c>/v1/unload_lora_adapter</c> as vLLM documents them; <c>GET /healthz</c>;
/// <c>GET /metrics</c>. Errors are OpenAI error objects with their HTTP status.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ServedModels models;
    private readonly ILogger logger;

    private ModelServer(WebApplication app, ServedModels models, ServeMetrics metrics, ILogger logger)
    {
        this.app = app;
        this.models = models;
        this.logger = logger;
        Metrics = metrics;
    }

    /// <summary>The server's metrics.</summary>
    public ServeMetrics Metrics { get; }

    /// <summary>The API root clients use, <c>http://host:port/v1</c> (the bound port when 0 was asked for).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The base model's served name.</summary>
    public string ModelName => models.BaseName;

    /// <summary>Loads the base model and starts listening.</summary>
    public static async Task<ModelServer> StartAsync(ServeOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggers ??= NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger<ModelServer>();
        var metrics = new ServeMetrics();
        var models = new ServedModels(options, metrics, logger);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 64L << 20;
            if (IPAddress.TryParse(options.Host, out var address)) k.Listen(address, options.Port);
            else k.ListenAnyIP(options.Port);
        });
        var app = builder.Build();
        var server = new ModelServer(app, models, metrics, logger);
        server.Map(options);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var host = options.Host is "0.0.0.0" or "::" ? "127.0.0.1" : options.Host;
        server.BaseUrl = string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/v1");
        Log.Listening(logger, models.BaseName, server.BaseUrl, options.BatchWindowMs, options.MaxBatchRows);
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await models.DisposeAsync();
    }

    private void Map(ServeOptions options)
    {
        var chat = new ChatCompletionHandler(models, options);
        app.MapGet("/healthz", Timed("healthz", _ => Task.FromResult(Results.Text($"{{\"status\":\"ok\",\"model\":{JsonSerializer.Serialize(models.BaseName, ChatApiJson.Default.String)}}}", "application/json"))));
        app.MapGet("/v1/models", Timed("models", _ => Task.FromResult(Results.Json(new ModelList
        {
            Data = models.List().Select(m => new ModelCard { Id = m.Name, Created = models.Created, OwnedBy = "rlaifv", Parent = m.Parent }).ToList(),
        }, ChatApiJson.Default.ModelList))));
        app.MapPost("/v1/chat/completions", Timed("chat_completions", async ctx =>
            Results.Json(await chat.HandleAsync(ctx.Request.Body, ctx.RequestAborted), ChatApiJson.Default.ChatCompletion)));
        app.MapPost("/v1/load_lora_adapter", Timed("load_lora_adapter", async ctx =>
        {
            var request = await ReadAdapterRequestAsync(ctx);
            if (string.IsNullOrWhiteSpace(request.LoraPath)) throw RequestError.Invalid("lora_path", "lora_path is required");
            if (!RlaifV.Models.PeftAdapter.Exists(request.LoraPath))
                throw RequestError.Invalid("lora_path", $"'{request.LoraPath}' holds no PEFT adapter (adapter_config.json and adapter_model.safetensors)");
            if (!models.TryAddAdapter(request.LoraName!, request.LoraPath))
                throw RequestError.Invalid("lora_name", $"The lora adapter '{request.LoraName}' has already been loaded");
            return Results.Text($"Success: LoRA adapter '{request.LoraName}' added successfully.");
        }));
        app.MapPost("/v1/unload_lora_adapter", Timed("unload_lora_adapter", async ctx =>
        {
            var request = await ReadAdapterRequestAsync(ctx);
            if (!await models.RemoveAdapterAsync(request.LoraName!))
                throw new RequestError(404, "not_found_error", "lora_name", $"The lora adapter '{request.LoraName}' cannot be found");
            return Results.Text($"Success: LoRA adapter '{request.LoraName}' removed successfully.");
        }));
        app.MapGet("/metrics", Timed("metrics", async ctx =>
        {
            using var buffer = new MemoryStream();
            await Metrics.Registry.CollectAndExportAsTextAsync(buffer, ctx.RequestAborted);
            return Results.Bytes(buffer.ToArray(), "text/plain; version=0.0.4; charset=utf-8");
        }));
        app.MapFallback(Timed("other", ctx =>
            Task.FromResult(Error(new RequestError(404, "not_found_error", null, $"{ctx.Request.Method} {ctx.Request.Path} is not a route of rlaifv serve")))));
    }

    private static async Task<LoadLoraAdapterRequest> ReadAdapterRequestAsync(HttpContext context)
    {
        LoadLoraAdapterRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ChatApiJson.Default.LoadLoraAdapterRequest, context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new RequestError($"the body is not valid JSON: {e.Message}");
        }
        if (string.IsNullOrWhiteSpace(request?.LoraName)) throw RequestError.Invalid("lora_name", "lora_name is required");
        return request;
    }

    /// <summary>Runs a route's handler, answers a failure with an OpenAI error object, and counts and times the request.</summary>
    private RequestDelegate Timed(string endpoint, Func<HttpContext, Task<IResult>> handler) => async context =>
    {
        var started = Stopwatch.GetTimestamp();
        IResult result;
        int status;
        try
        {
            result = await handler(context);
            status = 200;
        }
        catch (RequestError e)
        {
            if (e.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            result = Error(e);
            status = e.Status;
            if (status >= 500) Log.RequestFailed(logger, e, endpoint);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            result = Results.Empty;
            status = 499; // the client went away: nothing to answer
        }
        catch (Exception e)
        {
            Log.RequestFailed(logger, e, endpoint);
            result = Error(new RequestError(500, "server_error", null, $"internal error: {e.Message}"));
            status = 500;
        }
        Metrics.Requests.WithLabels(endpoint, status.ToString(CultureInfo.InvariantCulture)).Inc();
        if (status != 499) await result.ExecuteAsync(context);
        Metrics.Duration.WithLabels(endpoint).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    };

    private static IResult Error(RequestError e) => Results.Json(
        new ErrorBody { Error = new ErrorDetail { Message = e.Message, Type = e.Type, Param = e.Param, Code = JsonSerializer.SerializeToElement(e.Status) } },
        ChatApiJson.Default.ErrorBody, statusCode: e.Status);
}
