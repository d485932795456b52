using System.Net;
using System.Text;
using Prometheus;
using RlaifV.Orchestration.Roles;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Hosting;

/// <summary>
/// The process's one HTTP listener (<c>metrics.*</c>, on <see cref="HttpListener"/> from the base library:
/// prometheus-net's MetricServer serves one path only): <c>/metrics</c> (the registry, with the .NET runtime and process
/// collectors), <c>/healthz</c> (200 while the role makes progress or is idle; 503 naming the stalled stage) and
/// <c>/readyz</c> (200 once the role's models are loaded, the broker answers and its group is joined; 503 naming what it
/// waits for). Verbs without a role are always healthy and ready.
/// </summary>
internal sealed class MetricsEndpoint : IDisposable
{
    private readonly HttpListener listener;
    private readonly CollectorRegistry registry;
    private readonly RoleStatus? status;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    private MetricsEndpoint(HttpListener listener, CollectorRegistry registry, RoleStatus? status)
    {
        this.listener = listener;
        this.registry = registry;
        this.status = status;
        serving = Task.Run(ServeAsync);
    }

    /// <summary>Serves <paramref name="registry"/> (and the role's health) when enabled, saying where on <paramref name="progress"/>; null when disabled.</summary>
    public static MetricsEndpoint? Start(MetricsOptions options, CollectorRegistry registry, ProgressReporter progress, RoleStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled) return null;
        DotNetStats.Register(registry);
        var listener = new HttpListener();
        var host = options.Host is "0.0.0.0" or "*" or "+" ? "+" : options.Host;
        listener.Prefixes.Add($"http://{host}:{options.Port}/");
        listener.Start();
        progress.WriteLine($"metrics: http://{options.Host}:{options.Port}/metrics (health: /healthz, /readyz)");
        return new MetricsEndpoint(listener, registry, status);
    }

    /// <summary>
    /// After a job that ended by itself: keeps <paramref name="server"/> serving its final values for
    /// <c>metrics.linger_seconds</c>, or until <paramref name="stop"/> (a stop request ends the wait at once).
    /// </summary>
    public static async Task LingerAsync(MetricsOptions options, MetricsEndpoint? server, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(options);
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

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        stopping.Cancel();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending request.
        }
        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            switch (context.Request.Url?.AbsolutePath.TrimEnd('/'))
            {
                case "/metrics":
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    response.StatusCode = 200;
                    await registry.CollectAndExportAsTextAsync(response.OutputStream, stopping.Token);
                    break;
                case "/healthz":
                    var (healthy, health) = status?.Health() ?? (true, "ok");
                    await TextAsync(response, healthy ? 200 : 503, health);
                    break;
                case "/readyz":
                    var (ready, readiness) = await Task.Run(() => status?.Readiness() ?? (true, "ok"));
                    await TextAsync(response, ready ? 200 : 503, readiness);
                    break;
                default:
                    await TextAsync(response, 404, "not found: /metrics, /healthz, /readyz");
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the endpoint is stopping.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed.
            }
        }
    }

    private static async Task TextAsync(HttpListenerResponse response, int code, string text)
    {
        response.StatusCode = code;
        response.ContentType = "text/plain; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        await response.OutputStream.WriteAsync(bytes);
    }
}
