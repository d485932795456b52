using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RlaifV.TestKit;

namespace RlaifV.Deploy.Tests;

/// <summary>Debian's prometheus on loopback, scraping one target every second, and its HTTP query API.</summary>
internal sealed class Prometheus : IAsyncDisposable
{
    private readonly TempDir dir = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ChildProcess? process;

    private Prometheus(int port) => Port = port;

    /// <summary>The port of its web API.</summary>
    public int Port { get; }

    /// <summary>Its output so far.</summary>
    public string Log => process?.Log ?? string.Empty;

    /// <summary>A TCP port free on loopback right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="binary"/> scraping <c>127.0.0.1:{target}/metrics</c> as job <c>rlaifv</c>; returns once it is ready.</summary>
    public static async Task<Prometheus> StartAsync(string binary, int target)
    {
        var prometheus = new Prometheus(FreePort());
        var config = prometheus.dir.File("prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: rlaifv
                static_configs:
                  - targets: ["127.0.0.1:{target}"]
            """);
        prometheus.process = ChildProcess.Start(binary,
            [$"--config.file={config}", $"--storage.tsdb.path={prometheus.dir.File("data")}", $"--web.listen-address=127.0.0.1:{prometheus.Port}", "--log.level=warn"],
            prometheus.dir.Path);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (prometheus.process.Process.HasExited) throw new InvalidOperationException("prometheus exited:\n" + prometheus.Log);
            try
            {
                using var ready = await prometheus.http.GetAsync(new Uri($"http://127.0.0.1:{prometheus.Port}/-/ready"));
                if (ready.IsSuccessStatusCode) return prometheus;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("prometheus not ready after 2 minutes:\n" + prometheus.Log);
            await Task.Delay(200);
        }
    }

    /// <summary>An instant query at <paramref name="time"/>: the result's series (each a JSON object with metric and value).</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string promql, DateTimeOffset time)
    {
        var at = (time.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
        var url = $"http://127.0.0.1:{Port}/api/v1/query?query={Uri.EscapeDataString(promql)}&time={at}";
        using var response = await http.GetAsync(new Uri(url));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"query {promql} failed ({(int)response.StatusCode}): {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>The values of label <paramref name="label"/> on series matching <paramref name="match"/> (what Grafana's label_values asks).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string match)
    {
        var url = $"http://127.0.0.1:{Port}/api/v1/label/{label}/values?match[]={Uri.EscapeDataString(match)}";
        using var response = await http.GetAsync(new Uri(url));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"label values of {label} for {match} failed: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.TerminateAsync(TimeSpan.FromSeconds(20));
            process.Dispose();
        }
        http.Dispose();
        dir.Dispose();
    }
}
