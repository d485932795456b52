using Prometheus;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Hosting;

/// <summary>The Prometheus endpoint (<c>metrics.*</c>).</summary>
internal static class MetricsEndpoint
{
    /// <summary>Serves <paramref name="registry"/> when enabled (and says where on <paramref name="progress"/>); null when disabled.</summary>
    public static MetricServer? Start(MetricsOptions options, CollectorRegistry registry, ProgressReporter progress)
    {
        if (!options.Enabled) return null;
        var server = new MetricServer(options.Host, options.Port, "metrics/", registry);
        server.Start();
        progress.WriteLine($"metrics: http://{options.Host}:{options.Port}/metrics");
        return server;
    }
}
