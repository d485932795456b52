using Prometheus;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Hosting;

/// <summary>The Prometheus endpoint (<c>metrics.*</c>).</summary>
internal static class MetricsEndpoint
{
    /// <summary>
    /// Serves <paramref name="registry"/> when enabled (and says where on <paramref name="progress"/>); null when disabled.
    /// The process's own collectors (prometheus-net's .NET and process metrics: CPU seconds, working set, GC
    /// collections, managed heap) join the registry, so the dashboards' process panels have data for every verb.
    /// </summary>
    public static MetricServer? Start(MetricsOptions options, CollectorRegistry registry, ProgressReporter progress)
    {
        if (!options.Enabled) return null;
        DotNetStats.Register(registry);
        var server = new MetricServer(options.Host, options.Port, "metrics/", registry);
        server.Start();
        progress.WriteLine($"metrics: http://{options.Host}:{options.Port}/metrics");
        return server;
    }

    /// <summary>
    /// After a job that ended by itself: keeps <paramref name="server"/> serving its final values for
    /// <c>metrics.linger_seconds</c>, or until <paramref name="stop"/> (a stop request ends the wait at once).
    /// </summary>
    public static async Task LingerAsync(MetricsOptions options, MetricServer? server, CancellationToken stop)
    {
        if (server is null || options.LingerSeconds <= 0 || stop.IsCancellationRequested) return;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.LingerSeconds), stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A stop request ends the wait; the job itself has already finished.
        }
    }
}
