using Prometheus;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Hosting;

/// <summary>The Prometheus endpoint (<c>metrics.*</c>).</summary>
internal static class MetricsEndpoint
{
    /// <summary>Serves <paramref name="registry"/> when enabled (and says where); null when disabled.</summary>
    public static async Task<MetricServer?> StartAsync(MetricsOptions options, CollectorRegistry registry, TextWriter stderr)
    {
        if (!options.Enabled) return null;
        var server = new MetricServer(options.Host, options.Port, "metrics/", registry);
        server.Start();
        await stderr.WriteLineAsync($"metrics: http://{options.Host}:{options.Port}/metrics");
        return server;
    }
}
