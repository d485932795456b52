using Prometheus;

namespace RlaifV.Serving;

/// <summary>
/// The server's metrics on its own registry, served on <c>/metrics</c>: <c>rlaifv_serve_requests_total{endpoint,status}</c>,
/// <c>rlaifv_serve_request_duration_seconds{endpoint}</c> and <c>rlaifv_serve_batch_rows</c> (rows per forward pass).
/// Endpoint labels are the routes' fixed names, never a path a client sent.
/// </summary>
public sealed class ServeMetrics
{
    /// <summary>Creates the metrics on <paramref name="registry"/> (a fresh one when null).</summary>
    public ServeMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        Requests = f.CreateCounter("rlaifv_serve_requests_total", "Requests answered, by endpoint and HTTP status.", "endpoint", "status");
        Duration = f.CreateHistogram("rlaifv_serve_request_duration_seconds", "Time to answer a request.",
            new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 20) });
        BatchRows = f.CreateHistogram("rlaifv_serve_batch_rows", "Rows in one forward pass (generation call).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 12) });
    }

    /// <summary>The registry.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>rlaifv_serve_requests_total.</summary>
    public Counter Requests { get; }

    /// <summary>rlaifv_serve_request_duration_seconds.</summary>
    public Histogram Duration { get; }

    /// <summary>rlaifv_serve_batch_rows.</summary>
    public Histogram BatchRows { get; }
}
