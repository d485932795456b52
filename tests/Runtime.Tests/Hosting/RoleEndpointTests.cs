using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Prometheus;
using RlaifV.Orchestration.Roles;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;

namespace RlaifV.Runtime.Tests.Hosting;

public class RoleEndpointTests
{
    [Fact]
    public void Health_QueuedWorkWithoutProgressPastTheStallTime_UnhealthyNamingTheStage()
    {
        var clock = new ManualClock();
        var status = new RoleStatus(RoleKind.Generator, Metrics.NewCustomRegistry(), TimeSpan.FromSeconds(30), clock);
        Assert.True(status.Health().Healthy); // idle, nothing queued
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(status.Health().Healthy); // still idle
        status.SetPending("generate", true);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(status.Health().Healthy);
        status.Progress("generate");
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True(status.Health().Healthy);
        clock.Advance(TimeSpan.FromSeconds(2));
        var (healthy, detail) = status.Health();
        Assert.False(healthy);
        Assert.Contains("stage generate", detail, StringComparison.Ordinal);
        status.SetPending("generate", false);
        Assert.True(status.Health().Healthy); // the work is gone: idle again
    }

    [Fact]
    public void Readiness_UntilModelsGroupAndBroker_NotReadyNamingWhatItWaitsFor()
    {
        var broker = false;
        var status = new RoleStatus(RoleKind.Generator, Metrics.NewCustomRegistry(), TimeSpan.FromSeconds(30)) { BrokerAnswers = () => broker };
        status.Require("models", false);
        status.Require("group", false);
        Assert.Equal((false, "waiting for: group, models"), status.Readiness());
        status.Require("models", true);
        status.Require("group", true);
        Assert.Equal((false, "the Kafka broker does not answer"), status.Readiness());
        broker = true;
        var clock = Stopwatch.StartNew();
        while (status.Readiness().Ready == false && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50); // the probe asks every 2 s
        Assert.Equal((true, "ok"), status.Readiness());
    }

    [Fact]
    public async Task Endpoint_MetricsHealthzReadyz_ServedOnOnePortAndTheExpositionPassesPromtool()
    {
        var registry = Metrics.NewCustomRegistry();
        var status = new RoleStatus(RoleKind.Trainer, registry, TimeSpan.FromSeconds(30));
        status.SetRound(2);
        status.SetTrainerState(TrainerState.Training);
        status.SetLag("rlaifv.prompts", [new RlaifV.Schemas.Control.PartitionOffset { Partition = 0, Offset = 5 }]);
        status.Produced("control");
        status.Require("models", false);
        var port = FreePort();
        using var console = new ConsoleOutput(new StringWriter(), new StringWriter(), new ConsoleSettings());
        using (MetricsEndpoint.Start(new MetricsOptions { Port = port }, registry, console.Progress, status))
        {
            using var http = new HttpClient();
            var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            foreach (var name in new[]
            {
                "rlaifv_role_info{role=\"trainer\"} 1", "rlaifv_round 2", "rlaifv_trainer_state{state=\"training\"} 1", "rlaifv_trainer_state{state=\"idle\"} 0",
                "rlaifv_kafka_consumer_lag{topic=\"rlaifv.prompts\",partition=\"0\"} 5", "rlaifv_kafka_messages_produced_total{kind=\"control\"} 1",
                "process_cpu_seconds_total", "dotnet_total_memory_bytes", "dotnet_collection_count_total",
            })
            {
                Assert.Contains(name, text, StringComparison.Ordinal);
            }
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode);
            var ready = await http.GetAsync($"http://127.0.0.1:{port}/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("models", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            status.Require("models", true);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/other")).StatusCode);

            var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);
            if (promtool is null) return; // .ci/run installs Debian's prometheus; elsewhere the checks above stand
            var psi = new ProcessStartInfo(promtool, "check metrics") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            await p.StandardInput.WriteAsync(text);
            p.StandardInput.Close();
            var err = await p.StandardError.ReadToEndAsync() + await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, $"promtool: {err}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
