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
}
