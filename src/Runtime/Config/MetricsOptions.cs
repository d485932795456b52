namespace RlaifV.Runtime.Config;

/// <summary>metrics: the Prometheus endpoint.</summary>
public sealed record MetricsOptions
{
    /// <summary>Serve /metrics.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Bind address (loopback by default; use 0.0.0.0 inside a pod).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port.</summary>
    public int Port { get; init; } = 9464;

    /// <summary>
    /// Seconds the endpoint keeps serving the final values after a job that ends by itself (<c>rlaifv run</c>,
    /// <c>rlaifv generate</c> of a file) has finished, so a scraper whose interval is shorter sees them (default 0: stop
    /// at once; 0 to 3600). A stop request (Ctrl+C, SIGTERM) ends the wait.
    /// </summary>
    public int LingerSeconds { get; init; }
}
