using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using RlaifV.Schemas;
using RlaifV.Schemas.ChatApi;
using RlaifV.Stages.Ports;

namespace RlaifV.Remote;

/// <summary>
/// The HTTP client of one role (policy, labeler or llm) on one OpenAI-compatible server. Every attempt goes through
/// Microsoft.Extensions.Http.Resilience's standard pipeline, configured from <see cref="RemoteOptions"/>: a total timeout,
/// retries with exponential back-off and jitter on 408, 429, 5xx, connection errors and attempt time-outs (a server's
/// Retry-After honoured), a circuit breaker, and the attempt timeout. Around it a Polly pipeline of its own retries a
/// malformed answer (<see cref="RemoteOptions.Retries"/> times) and rides out an outage: while the server cannot be reached
/// (no connection after the retries, the circuit open, persistent 429) the call waits and tries again, for at most
/// <see cref="RemoteOptions.OutageTimeout"/> seconds counted from the start of the outage, then throws
/// <see cref="ModelUnavailableException"/>, which stops the run without dead-lettering anything.
/// What is an item's fault becomes a <see cref="InputRejectedException"/> (a dead letter for that item): a 4xx answer for
/// this input (400, 413, 422, …), a 5xx or a time-out on every attempt, an answer still malformed after the retries.
/// A 401, 403 or 404 (bad credentials, an unknown model) is no item's fault: it stops the run.
/// Requests in flight are limited to <see cref="RemoteOptions.MaxConcurrency"/>. The API key is sent as a bearer token and
/// appears in no log, error or metric.
/// </summary>
public sealed class ChatCompletionsClient : IDisposable
{
    private readonly RemoteOptions options;
    private readonly BackendRole role;
    private readonly BackendMetrics metrics;
    private readonly ILogger logger;
    private readonly ServiceProvider services;
    private readonly HttpClient http;
    private readonly ResiliencePipeline calls;
    private readonly SemaphoreSlim gate;
    private readonly string roleLabel;
    private readonly Lock outageLock = new();
    private long outageSince;
    private long lastOutageLog;

    /// <summary>Creates the client.</summary>
    /// <param name="options">The server, model and resilience settings.</param>
    /// <param name="role">The role (metric label, log lines).</param>
    /// <param name="metrics">Where attempts, errors and tokens are counted.</param>
    /// <param name="loggers">Loggers (none when null).</param>
    /// <param name="primaryHandler">The innermost HTTP handler (tests); the default socket handler when null.</param>
    public ChatCompletionsClient(RemoteOptions options, BackendRole role, BackendMetrics metrics, ILoggerFactory? loggers = null, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.role = role;
        this.metrics = metrics;
        roleLabel = EnumNames.Of(role);
        logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<ChatCompletionsClient>();
        Server = DisplayUrl(options.BaseUrl);
        gate = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);

        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddLogging();
        const string name = "rlaifv-remote";
        var builder = collection.AddHttpClient(name, c =>
        {
            c.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
            c.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // the resilience pipeline times attempts and calls
            if (options.ApiKey.Length > 0) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        });
        builder.RemoveAllLoggers();
        builder.AddStandardResilienceHandler(Configure);
        builder.AddHttpMessageHandler(() => new AttemptMetricsHandler(metrics, role));
        if (primaryHandler is not null) builder.ConfigurePrimaryHttpMessageHandler(() => primaryHandler);
        services = collection.BuildServiceProvider();
        http = services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        var pipeline = new ResiliencePipelineBuilder();
        pipeline.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ServerUnreachableException && OutageSeconds() < options.OutageTimeout),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromSeconds(options.CircuitBreak),
            BackoffType = DelayBackoffType.Constant,
            OnRetry = args =>
            {
                LogOutage(args.Outcome.Exception?.Message ?? "unreachable");
                return ValueTask.CompletedTask;
            },
        });
        if (options.Retries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<MalformedAnswerException>(),
                MaxRetryAttempts = options.Retries,
                Delay = TimeSpan.FromSeconds(options.RetryDelay),
                MaxDelay = TimeSpan.FromSeconds(options.MaxRetryDelay),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    Log.Retrying(logger, roleLabel, Server, Model, args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? "a malformed answer");
                    return ValueTask.CompletedTask;
                },
            });
        }
        calls = pipeline.Build();
    }

    /// <summary>The server's API root, as shown in messages (no credentials, no query).</summary>
    public string Server { get; }

    /// <summary>The configured model name (with its <c>{round}</c> placeholder, if any).</summary>
    public string Model => options.Model;

    /// <summary>The settings.</summary>
    public RemoteOptions Options => options;

    /// <summary>"{role} server {url} (model {name})", for messages.</summary>
    public string Describe(string model) => $"{roleLabel} server {Server} (model {model})";

    /// <summary>
    /// Posts one chat completion request (<paramref name="body"/>; <see cref="RemoteOptions.Extra"/> is merged in) and reads
    /// the answer, with the retries, outage handling and error mapping described on the class.
    /// </summary>
    public async Task<ChatCompletion> CompleteAsync(JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var (key, value) in options.Extra) body[key] = ExtraValue(value);
        var model = body["model"]?.GetValue<string>() ?? options.Model;
        var json = body.ToJsonString();
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await calls.ExecuteAsync(async ct => await SendOnceAsync(json, model, ct), cancellationToken);
        }
        catch (ServerUnreachableException e)
        {
            throw new ModelUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(model)} has been unreachable for {OutageSeconds():F0} s ({e.Message}); the outage budget ({roleLabel}'s outage_timeout) is {options.OutageTimeout:F0} s"), e);
        }
        catch (MalformedAnswerException e)
        {
            throw new InputRejectedException(DeadLetterReasons.BadModelOutput, $"{Describe(model)} answered with malformed JSON on {options.Retries + 1} attempts: {e.Message}", e);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The names <c>GET /v1/models</c> lists.</summary>
    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("models", UriKind.Relative), cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode) throw new ServerUnreachableException($"GET models answered {(int)response.StatusCode}: {ErrorMessage(text)}");
            var list = Parse(text, ChatApiJson.Default.ModelList);
            return list.Data?.Select(m => m.Id ?? string.Empty).Where(id => id.Length > 0).ToList() ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or BrokenCircuitException or TimeoutRejectedException or MalformedAnswerException)
        {
            throw new ServerUnreachableException($"GET models failed: {e.Message}", e);
        }
    }

    /// <summary>Registers a LoRA adapter (vLLM's <c>POST /v1/load_lora_adapter</c>); a refusal stops the run with the server's message.</summary>
    public async Task LoadLoraAdapterAsync(string loraName, string loraPath, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new LoadLoraAdapterRequest { LoraName = loraName, LoraPath = loraPath }, ChatApiJson.Default.LoadLoraAdapterRequest);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri("load_lora_adapter", UriKind.Relative), content, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or BrokenCircuitException or TimeoutRejectedException)
        {
            throw new ModelUnavailableException($"{Describe(loraName)}: cannot register the LoRA adapter {loraPath}: {e.Message}", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new ModelUnavailableException($"{Describe(loraName)} refused the LoRA adapter {loraPath} ({(int)response.StatusCode}: {ErrorMessage(text)}); vLLM needs --enable-lora and VLLM_ALLOW_RUNTIME_LORA_UPDATING=True");
        }
        Log.AdapterLoaded(logger, roleLabel, Server, loraPath, loraName);
    }

    /// <summary>
    /// Waits until the server lists <paramref name="model"/> (polling <c>GET /v1/models</c> every
    /// <paramref name="poll"/>, a progress line about every 10 s), for at most <see cref="RemoteOptions.WaitTimeout"/>
    /// seconds; then <see cref="ModelUnavailableException"/> naming the server, the model and what it lists.
    /// </summary>
    public async Task WaitUntilListedAsync(string model, TimeSpan poll, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? lastLog = null;
        IReadOnlyList<string> listed = [];
        string? failure = null;
        while (true)
        {
            try
            {
                listed = await ListModelsAsync(cancellationToken);
                failure = null;
                if (listed.Contains(model, StringComparer.Ordinal))
                {
                    Log.ModelListed(logger, roleLabel, Server, model);
                    return;
                }
            }
            catch (ServerUnreachableException e)
            {
                failure = e.Message;
            }
            if (clock.Elapsed.TotalSeconds >= options.WaitTimeout)
                throw new ModelUnavailableException(string.Create(CultureInfo.InvariantCulture,
                    $"{Describe(model)}: the model was not listed after {options.WaitTimeout:F0} s (wait_timeout); {(failure is null ? $"the server lists: {string.Join(", ", listed)}" : failure)}"));
            if (lastLog is null || clock.Elapsed - lastLog >= TimeSpan.FromSeconds(10))
            {
                Log.WaitingForModel(logger, roleLabel, Server, model, clock.Elapsed.TotalSeconds, options.WaitTimeout, failure ?? string.Join(", ", listed));
                lastLog = clock.Elapsed;
            }
            await Task.Delay(poll, cancellationToken);
        }
    }

    /// <summary>Counts a call the role could not use (a missing field, no log-probs) as malformed.</summary>
    internal void CountMalformed() => metrics.Error(role, ErrorClass.Malformed);

    /// <inheritdoc />
    public void Dispose()
    {
        http.Dispose();
        services.Dispose();
        gate.Dispose();
    }

    private async ValueTask<ChatCompletion> SendOnceAsync(string json, string model, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            response = await http.PostAsync(new Uri("chat/completions", UriKind.Relative), content, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            metrics.Error(role, ErrorClass.CircuitOpen);
            throw new ServerUnreachableException("the circuit is open after repeated failures", e);
        }
        catch (HttpRequestException e)
        {
            throw new ServerUnreachableException($"no connection ({e.Message})", e);
        }
        catch (TimeoutRejectedException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InputRejectedException(DeadLetterReasons.ModelTimeout, string.Create(CultureInfo.InvariantCulture,
                $"{Describe(model)} did not answer this input within {options.Timeout:F1} s on any of {options.Retries + 1} attempts"), e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                if (Interlocked.Exchange(ref outageSince, 0) is var since and not 0) Log.Reachable(logger, roleLabel, Server, model, Stopwatch.GetElapsedTime(since).TotalSeconds);
                var completion = Parse(text, ChatApiJson.Default.ChatCompletion);
                if (completion.Choices is not { Count: > 0 }) throw Malformed("the answer has no choices");
                if (completion.Usage is { } usage)
                {
                    metrics.Tokens.WithLabels(roleLabel, BackendMetrics.OpenAi, "in").Inc(usage.PromptTokens);
                    metrics.Tokens.WithLabels(roleLabel, BackendMetrics.OpenAi, "out").Inc(usage.CompletionTokens);
                }
                return completion;
            }
            var message = ErrorMessage(text);
            throw response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new ServerUnreachableException($"rate limited (429) on every retry: {message}"),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ModelUnavailableException($"{Describe(model)} refused the credentials ({status}: {message}); check {roleLabel}'s api_key"),
                HttpStatusCode.NotFound => new ModelUnavailableException($"{Describe(model)} answered 404 ({message}); check base_url (it ends in /v1) and the model name (GET /v1/models lists them)"),
                _ when status >= 500 => new InputRejectedException(DeadLetterReasons.ModelError, $"{Describe(model)} failed on this input with {status} on {options.Retries + 1} attempts: {message}"),
                _ => new InputRejectedException(DeadLetterReasons.ModelRejected, $"{Describe(model)} refused this input ({status}): {message}"),
            };
        }
    }

    private T Parse<T>(string text, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(text, type) ?? throw Malformed("the answer is JSON null");
        }
        catch (JsonException e)
        {
            throw Malformed($"not valid JSON ({e.Message})");
        }
    }

    private MalformedAnswerException Malformed(string what)
    {
        metrics.Error(role, ErrorClass.Malformed);
        return new MalformedAnswerException(what);
    }

    private void Configure(HttpStandardResilienceOptions o)
    {
        var attempt = TimeSpan.FromSeconds(options.Timeout);
        var maxDelay = TimeSpan.FromSeconds(options.MaxRetryDelay);
        o.AttemptTimeout.Timeout = attempt;
        if (options.Retries > 0)
        {
            o.Retry.MaxRetryAttempts = options.Retries;
            o.Retry.Delay = TimeSpan.FromSeconds(options.RetryDelay);
            o.Retry.MaxDelay = maxDelay;
            o.Retry.BackoffType = DelayBackoffType.Exponential;
            o.Retry.UseJitter = true;
            o.Retry.ShouldRetryAfterHeader = true;
        }
        else
        {
            o.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }
        o.TotalRequestTimeout.Timeout = (attempt + maxDelay) * (options.Retries + 1) + TimeSpan.FromSeconds(1);
        o.CircuitBreaker.FailureRatio = options.CircuitFailureRatio;
        o.CircuitBreaker.MinimumThroughput = options.CircuitMinimumThroughput;
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(2 * options.Timeout + 1, Math.Max(30, options.CircuitBreak)));
        o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(options.CircuitBreak);
        o.CircuitBreaker.OnOpened = args =>
        {
            Log.CircuitOpened(logger, roleLabel, Server, args.BreakDuration.TotalSeconds);
            return ValueTask.CompletedTask;
        };
        o.CircuitBreaker.OnClosed = _ =>
        {
            Log.CircuitClosed(logger, roleLabel, Server);
            return ValueTask.CompletedTask;
        };
        o.RateLimiter.DefaultRateLimiterOptions.PermitLimit = options.MaxConcurrency + 8; // chat calls are gated above; room for /v1/models and adapter calls
        o.RateLimiter.DefaultRateLimiterOptions.QueueLimit = 0;
    }

    private double OutageSeconds()
    {
        var since = Interlocked.Read(ref outageSince);
        return since == 0 ? 0 : Stopwatch.GetElapsedTime(since).TotalSeconds;
    }

    private void LogOutage(string reason)
    {
        Interlocked.CompareExchange(ref outageSince, Stopwatch.GetTimestamp(), 0);
        lock (outageLock)
        {
            var now = Stopwatch.GetTimestamp();
            if (lastOutageLog != 0 && Stopwatch.GetElapsedTime(lastOutageLog, now).TotalSeconds < Math.Max(options.CircuitBreak, 5)) return;
            lastOutageLog = now;
        }
        Log.Unreachable(logger, roleLabel, Server, options.Model, OutageSeconds(), reason, options.CircuitBreak, options.OutageTimeout);
    }

    /// <summary>An error answer's message (the OpenAI error object's, else the text), shortened.</summary>
    private static string ErrorMessage(string text)
    {
        string message = text;
        try
        {
            if (JsonSerializer.Deserialize(text, ChatApiJson.Default.ErrorBody)?.Error?.Message is { Length: > 0 } m) message = m;
        }
        catch (JsonException)
        {
            // not the error object: the text itself
        }
        message = message.ReplaceLineEndings(" ").Trim();
        return message.Length > 300 ? message[..300] + "…" : message.Length == 0 ? "(no body)" : message;
    }

    private static string DisplayUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "(invalid url)";

    /// <summary>An <c>extra</c> value as JSON: a number, true, false, null, an object or array, else a string.</summary>
    internal static JsonNode? ExtraValue(string value)
    {
        var text = value.Trim();
        if (text is "true" or "false" or "null" || text.StartsWith('{') || text.StartsWith('[')
            || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // not JSON after all: sent as the string it is
            }
        }
        return JsonValue.Create(value);
    }
}
