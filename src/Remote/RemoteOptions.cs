namespace RlaifV.Remote;

/// <summary>
/// One model on an OpenAI-compatible server (<c>models.*</c> with <c>backend: openai</c>). Durations are in seconds.
/// Immutable; the host validates it at start-up (<see cref="Problems"/>).
/// </summary>
public sealed record RemoteOptions
{
    /// <summary>The server's API root, e.g. <c>http://gpu-1:8000/v1</c> (requests go to <c>{base_url}/chat/completions</c>).</summary>
    public required string BaseUrl { get; init; }

    /// <summary>
    /// The served model's name. The policy's may contain <c>{round}</c> (or <c>{round:D4}</c>, any .NET number format),
    /// replaced by the round whose policy samples: a server serving each round's checkpoint under its own name.
    /// </summary>
    public required string Model { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when not empty; never logged, never in an error or a metric.</summary>
    public string ApiKey { get; init; } = string.Empty;

    /// <summary>Requests in flight at once to this server for this role (a stage batch's requests go concurrently up to it).</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>Seconds one HTTP attempt may take.</summary>
    public double Timeout { get; init; } = 120;

    /// <summary>Retries of a failed attempt (429, 5xx, 408, connection errors, attempt time-outs; malformed answers).</summary>
    public int Retries { get; init; } = 3;

    /// <summary>First retry delay in seconds; it doubles each retry, with jitter. A server's Retry-After is honoured.</summary>
    public double RetryDelay { get; init; } = 1;

    /// <summary>Longest delay between retries, in seconds.</summary>
    public double MaxRetryDelay { get; init; } = 30;

    /// <summary>Seconds the circuit stays open (requests fail fast) once it has opened.</summary>
    public double CircuitBreak { get; init; } = 30;

    /// <summary>Share of failed attempts within the sampling window that opens the circuit.</summary>
    public double CircuitFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts within the sampling window before the circuit may open.</summary>
    public int CircuitMinimumThroughput { get; init; } = 20;

    /// <summary>
    /// Seconds the stage waits for an unreachable server (connection refused, circuit open, persistent 429) before it stops
    /// the run with a message naming the server; no item is dead-lettered for an outage.
    /// </summary>
    public double OutageTimeout { get; init; } = 600;

    /// <summary>The labeler's top_logprobs (1–20): the first answer position's most likely tokens P(yes) and P(no) are summed over.</summary>
    public int TopLogprobs { get; init; } = 20;

    /// <summary>Seconds the policy waits for the server to list its model (a <c>{round}</c> name, or an adapter just registered).</summary>
    public double WaitTimeout { get; init; } = 600;

    /// <summary>
    /// Policy only: register the round's LoRA adapter (the checkpoint's <c>lora/</c> folder) with the server's
    /// <c>POST /v1/load_lora_adapter</c> under the round's model name before sampling.
    /// </summary>
    public bool LoadLora { get; init; }

    /// <summary>
    /// Merged into every request body (server-specific parameters such as top_k or repetition_penalty). A value that reads
    /// as a JSON number, true, false or null is sent as one, a value starting with { or [ as that JSON, anything else as a string.
    /// </summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Every problem with these settings, each as "{prefix}.key = value: what is allowed" (the API key's value never shown).</summary>
    public IReadOnlyList<string> Problems(string prefix)
    {
        var p = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.UserInfo))
            p.Add($"{prefix}.base_url = {Redacted(BaseUrl)}: allowed is an absolute http:// or https:// URL without credentials, such as http://localhost:8000/v1");
        if (string.IsNullOrWhiteSpace(Model)) p.Add($"{prefix}.model is empty: name the served model (GET /v1/models lists them)");
        else if (!ModelNames.TryCheck(Model, out var problem)) p.Add($"{prefix}.model = {Model}: {problem}");
        Range(p, $"{prefix}.max_concurrency", MaxConcurrency, 1, 1000);
        Range(p, $"{prefix}.timeout", Timeout, 0.01, 86_400);
        Range(p, $"{prefix}.retries", Retries, 0, 100);
        Range(p, $"{prefix}.retry_delay", RetryDelay, 0.001, 3600);
        Range(p, $"{prefix}.max_retry_delay", MaxRetryDelay, 0.001, 86_400);
        Range(p, $"{prefix}.circuit_break", CircuitBreak, 0.5, 86_400);
        Range(p, $"{prefix}.circuit_failure_ratio", CircuitFailureRatio, 0.01, 1);
        Range(p, $"{prefix}.circuit_minimum_throughput", CircuitMinimumThroughput, 2, 1_000_000);
        Range(p, $"{prefix}.outage_timeout", OutageTimeout, 0, 7 * 86_400);
        Range(p, $"{prefix}.top_logprobs", TopLogprobs, 1, 20);
        Range(p, $"{prefix}.wait_timeout", WaitTimeout, 0, 7 * 86_400);
        foreach (var key in Extra.Keys.Where(k => string.IsNullOrWhiteSpace(k) || ReservedKeys.Contains(k)))
            p.Add($"{prefix}.extra.{key}: this key is set by RlaifV ({string.Join(", ", ReservedKeys)} are not allowed in extra)");
        return p;
    }

    /// <summary>Request fields RlaifV sets itself, which <see cref="Extra"/> may not override.</summary>
    public static IReadOnlyList<string> ReservedKeys { get; } = ["model", "messages", "n", "seed", "logprobs", "top_logprobs", "stream"];

    private static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo) ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal) : url;

    private static void Range(List<string> p, string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
            p.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key} = {value}: allowed is a number from {min} to {max}"));
    }
}
