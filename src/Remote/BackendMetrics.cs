using Prometheus;
using RlaifV.Schemas;

namespace RlaifV.Remote;

/// <summary>
/// Metrics of the remote backends, one series per role (policy, labeler, llm) and backend (openai), as the dashboards
/// read them: <c>rlaifv_backend_requests_total{role,backend,outcome}</c> (one per HTTP attempt; outcome ok or error),
/// <c>rlaifv_backend_request_duration_seconds{role,backend}</c>, <c>rlaifv_backend_errors_total{role,backend,class}</c>
/// (<see cref="ErrorClass"/>) and <c>rlaifv_backend_tokens_total{role,backend,direction}</c> (in: prompt tokens, out:
/// generated tokens, as the server's usage reports them).
/// </summary>
public sealed class BackendMetrics
{
    /// <summary>The backend label of the OpenAI-compatible client.</summary>
    public const string OpenAi = "openai";

    /// <summary>Creates the metrics on <paramref name="registry"/> (a fresh one when null).</summary>
    public BackendMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        Requests = f.CreateCounter("rlaifv_backend_requests_total", "HTTP attempts to a model server, by outcome.", "role", "backend", "outcome");
        Duration = f.CreateHistogram("rlaifv_backend_request_duration_seconds", "Time of one HTTP attempt to a model server.",
            new HistogramConfiguration { LabelNames = ["role", "backend"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 20) });
        Errors = f.CreateCounter("rlaifv_backend_errors_total", "Failed calls to a model server, by class.", "role", "backend", "class");
        Tokens = f.CreateCounter("rlaifv_backend_tokens_total", "Tokens a model server read (in) and generated (out).", "role", "backend", "direction");
    }

    /// <summary>The registry the metrics live on.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>rlaifv_backend_requests_total.</summary>
    public Counter Requests { get; }

    /// <summary>rlaifv_backend_request_duration_seconds.</summary>
    public Histogram Duration { get; }

    /// <summary>rlaifv_backend_errors_total.</summary>
    public Counter Errors { get; }

    /// <summary>rlaifv_backend_tokens_total.</summary>
    public Counter Tokens { get; }

    /// <summary>Counts one error of <paramref name="errorClass"/>.</summary>
    public void Error(BackendRole role, ErrorClass errorClass) => Errors.WithLabels(EnumNames.Of(role), OpenAi, EnumNames.Of(errorClass)).Inc();
}
