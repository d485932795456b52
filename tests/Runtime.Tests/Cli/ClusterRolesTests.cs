using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using RlaifV.GeneratorHost;
using RlaifV.Kafka;
using RlaifV.Runtime.Cli;
using RlaifV.Schemas.Control;
using RlaifV.TestKit;
using Xunit.Abstractions;

namespace RlaifV.Runtime.Tests.Cli;

/// <summary>
/// The cluster roles as separate processes (tests/GeneratorHost: the rlaifv command line with model and training
/// doubles) sharing only a broker process and a checkpoint folder, checked against a single-process <c>rlaifv run</c>.
/// </summary>
public sealed partial class ClusterRolesTests(ITestOutputHelper output)
{
    private const int Rounds = 3;
    private const int PerRound = 40;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Roles_BrokerCoordinatorTwoGeneratorsAndTrainerAsProcessesWithKills_ControlRecordsAndPairIdsEqualASingleProcessRun()
    {
        using var dir = new TempDir();
        var config = WriteWorkspace(dir, "${RLAIFV_TEST_BOOTSTRAP}", "${RLAIFV_TEST_METRICS_PORT}");
        var children = new List<Host>();
        try
        {
            var (broker, bootstrap) = await StartBrokerAsync(children, config);
            var (g1Port, g2Port, trainerPort, coordinatorPort) = (FreePort(), FreePort(), FreePort(), FreePort());
            Dictionary<string, string> Env(int port, string? trainDelayMs = null)
            {
                var env = new Dictionary<string, string> { ["RLAIFV_TEST_BOOTSTRAP"] = bootstrap, ["RLAIFV_TEST_METRICS_PORT"] = port.ToString(CultureInfo.InvariantCulture) };
                if (trainDelayMs is not null) env["RLAIFV_TEST_TRAIN_DELAY_MS"] = trainDelayMs;
                return env;
            }

            var g1 = Start(children, ["generate", "--follow", "--config", config], Env(g1Port), delayMs: 100);
            var g2 = Start(children, ["generate", "--follow", "--config", config], Env(g2Port), delayMs: 100);
            var trainer = Start(children, ["train", "--follow", "--config", config], Env(trainerPort, "4000"));
            var coordinator = Start(children, ["coordinate", "--config", config], Env(coordinatorPort));
            using var kafka = KafkaEnvironment.Open(new KafkaOptions { BootstrapServers = bootstrap, Partitions = 2 });

            // Round 0: the trainer is killed mid-training (its double takes 4 s), restarted, and publishes.
            await UntilAsync(() => State(kafka).Round(0)?.GenerationComplete is not null, "round 0's generation complete", children);
            await trainer.KillAsync();
            Assert.Null(State(kafka).Round(0)!.CheckpointPublished);
            output.WriteLine("trainer killed mid-training (round 0)");
            trainer = Start(children, ["train", "--follow", "--config", config], Env(trainerPort));
            await LagZeroAsync(g2Port, children);

            // Round 1: one generator is killed once the round's pairs are being produced; the other finishes the round.
            await UntilAsync(() => State(kafka).Round(1)?.Started is { PromptEndOffsets.Count: > 0 } && PairMessages(kafka, 1) > 0, "round 1's first pairs", children);
            await g1.KillAsync();
            output.WriteLine($"generator 1 killed mid-round 1 ({PairMessages(kafka, 1)} pair messages so far)");
            await UntilAsync(() => State(kafka).Round(1)?.GenerationComplete is not null, "round 1's generation complete (by generator 2)", children);
            await LagZeroAsync(g2Port, children);

            // The coordinator is killed while it waits for round 1's checkpoint, and resumes from the control topic.
            await coordinator.KillAsync();
            output.WriteLine("coordinator killed (round 1)");
            // Restarted as the chart runs it (--stay): it finishes the run, then serves its endpoints until SIGTERM.
            coordinator = Start(children, ["coordinate", "--stay", "--config", config], Env(coordinatorPort));
            await UntilAsync(() => coordinator.Log.Contains($"all {Rounds} rounds recorded", StringComparison.Ordinal), "the restarted coordinator finishing the run", children);
            Assert.False(coordinator.Process.HasExited, coordinator.Log);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(coordinatorPort, "/healthz"));
            Assert.Contains("rlaifv_coordinator_rounds_completed_total", await ScrapeAsync(coordinatorPort), StringComparison.Ordinal);
            Signal(coordinator, "TERM");
            Assert.True(await ExitedAsync(coordinator), coordinator.Log);
            Assert.True(coordinator.Process.ExitCode == 0, coordinator.Log);
            Assert.Contains("earlier (resuming)", coordinator.Log, StringComparison.Ordinal);
            await LagZeroAsync(g2Port, children);

            // Readiness follows the broker: stopped (SIGSTOP) → 503, back (SIGCONT) → 200.
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(g2Port, "/readyz"));
            Signal(broker, "STOP");
            try
            {
                await UntilAsync(async () => await StatusAsync(g2Port, "/readyz") == HttpStatusCode.ServiceUnavailable, "/readyz 503 with the broker stopped", children);
                Assert.Equal(HttpStatusCode.OK, await StatusAsync(g2Port, "/healthz")); // idle, nothing queued: alive
            }
            finally
            {
                Signal(broker, "CONT");
            }
            await UntilAsync(async () => await StatusAsync(g2Port, "/readyz") == HttpStatusCode.OK, "/readyz 200 with the broker back", children);

            // SIGTERM: the followers drain, commit and exit 0.
            Signal(g2, "TERM");
            Signal(trainer, "TERM");
            Assert.True(await ExitedAsync(g2) && g2.Process.ExitCode == 0, g2.Log);
            Assert.True(await ExitedAsync(trainer) && trainer.Process.ExitCode == 0, trainer.Log);

            var cluster = Records(kafka);
            var clusterPairs = Enumerable.Range(0, Rounds).Select(r => PairIds(kafka, r)).ToList();
            Assert.Equal(Rounds * PerRound, kafka.GetEndOffsets(kafka.Topics.Prompts).Sum(e => e.Offset)); // no round's prompts loaded twice
            foreach (var r in Enumerable.Range(0, Rounds))
            {
                // Idempotent writes: one "generation complete" and one "checkpoint published" per round, whatever was killed.
                Assert.Single(cluster.OfType<RoundGenerationComplete>(), c => c.Round == r);
                Assert.Single(cluster.OfType<CheckpointPublished>(), c => c.Round == r);
            }

            // The same config, one process: rlaifv run against a broker of its own.
            var reference = await ReferenceRunAsync(dir, children);
            using var referenceKafka = KafkaEnvironment.Open(new KafkaOptions { BootstrapServers = reference, Partitions = 2 });
            var single = Records(referenceKafka);
            Assert.Equal(Summary(single), Summary(cluster));
            for (int r = 0; r < Rounds; r++)
            {
                var expected = PairIds(referenceKafka, r);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, clusterPairs[r]);
            }
        }
        finally
        {
            foreach (var child in children)
            {
                output.WriteLine($"--- {string.Join(' ', child.Process.StartInfo.ArgumentList.Skip(1))}");
                foreach (var line in child.TakeLast(15)) output.WriteLine("  " + line);
                child.Dispose();
            }
        }
    }

    [Fact]
    public async Task Generate_SaslPasswordFromTheEnvironmentAgainstAnUnreachableBroker_TheValueIsInNoOutputDeadLetterOrMetric()
    {
        using var dir = new TempDir();
        const string Secret = "s3cr3t-Pa55word-7f1c";
        var port = FreePort();
        var unreachable = $"127.0.0.1:{FreePort()}";
        var config = WriteWorkspace(dir, unreachable, port.ToString(CultureInfo.InvariantCulture), """
              properties:
                security.protocol: sasl_plaintext
                sasl.mechanism: PLAIN
                sasl.username: rlaifv
                sasl.password: ${SOME_VARIABLE}
            """);
        var children = new List<Host>();
        try
        {
            var env = new Dictionary<string, string> { ["SOME_VARIABLE"] = Secret };
            var validate = Start(children, ["validate", "--config", config], env);
            Assert.True(await ExitedAsync(validate), validate.Log);
            Assert.Contains("sasl.password=***", validate.Log, StringComparison.Ordinal);

            // An error that quotes a value from the environment shows *** in its place.
            var bad = dir.File("bad.yaml");
            File.WriteAllText(bad, "run:\n  round: ${SOME_VARIABLE}\n");
            var invalid = Start(children, ["validate", "--config", bad], env);
            Assert.True(await ExitedAsync(invalid), invalid.Log);
            Assert.Equal(2, invalid.Process.ExitCode);
            Assert.Contains("run.round = '***'", invalid.Log, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, invalid.Log, StringComparison.Ordinal);

            var generator = Start(children, ["generate", "--follow", "--verbose", "--config", config], env);
            var metrics = string.Empty;
            await UntilAsync(async () =>
            {
                metrics = await ScrapeAsync(port);
                return metrics.Contains("rlaifv_role_info", StringComparison.Ordinal);
            }, "the generator's /metrics", children);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(port, "/readyz")); // no broker answers
            await Task.Delay(TimeSpan.FromSeconds(3)); // let the clients try (and log) a few connections
            metrics = await ScrapeAsync(port);
            Signal(generator, "TERM");
            Assert.True(await ExitedAsync(generator), generator.Log);

            var deadLetters = Directory.Exists(dir.File("out")) ? Directory.GetFiles(dir.File("out"), "*", SearchOption.AllDirectories).Select(File.ReadAllText) : [];
            foreach (var (what, text) in new[] { ("validate", validate.Log), ("generate's stdout and stderr", generator.Log), ("/metrics", metrics) }.Concat(deadLetters.Select(t => ("a file under output.dir", t))))
                Assert.False(text.Contains(Secret, StringComparison.Ordinal), $"{what} holds the secret");
            Assert.NotEmpty(generator.Log);
        }
        finally
        {
            foreach (var child in children) child.Dispose();
        }
    }

    [Fact]
    public async Task Generate_BoundedRoundStoppedWithSigtermMidRound_ExitsThreeAndTheRoundIsNotRecordedComplete()
    {
        using var dir = new TempDir();
        var config = WriteWorkspace(dir, "${RLAIFV_TEST_BOOTSTRAP}", "1");
        var children = new List<Host>();
        try
        {
            var (broker, bootstrap) = await StartBrokerAsync(children, config);
            using var kafka = KafkaEnvironment.Open(new KafkaOptions { BootstrapServers = bootstrap, Partitions = 2 });
            // All 120 prompts of the file are loaded, then round 0 is generated up to their end offsets (200 ms a policy call).
            var generator = Start(children, ["generate", "--source", "kafka", "--round", "0", "--until-caught-up", "--config", config],
                new() { ["RLAIFV_TEST_BOOTSTRAP"] = bootstrap }, delayMs: 200);
            await UntilAsync(() => PairMessages(kafka, 0) > 0, "round 0's first pairs", children);
            Signal(generator, "TERM");
            Assert.True(await ExitedAsync(generator), generator.Log);
            Assert.True(generator.Process.ExitCode == ExitCodes.Stopped, $"exit {generator.Process.ExitCode}: {generator.Log}");
            Assert.Contains("stopped before round 0 was done", generator.Log, StringComparison.Ordinal);
            Assert.Null(State(kafka).Round(0)?.GenerationComplete);
        }
        finally
        {
            foreach (var child in children) child.Dispose();
        }
    }

    [Fact]
    public async Task Broker_StoppedAndContinuedSixtyTimes_StillServes()
    {
        // Ctrl-Z and fg, or a node pausing the container: each SIGCONT runs the runtime's handler on some thread, and the
        // mock cluster's thread, when it is that one, used to end on poll's EINTR, leaving a live process with no broker.
        using var dir = new TempDir();
        var config = WriteWorkspace(dir, "${RLAIFV_TEST_BOOTSTRAP}", "1");
        var children = new List<Host>();
        try
        {
            var (broker, bootstrap) = await StartBrokerAsync(children, config);
            for (int i = 0; i < 60; i++)
            {
                Signal(broker, "STOP");
                await Task.Delay(20);
                Signal(broker, "CONT");
                await Task.Delay(20);
            }
            using var kafka = KafkaEnvironment.Open(new KafkaOptions { BootstrapServers = bootstrap, Partitions = 2 });
            Assert.True(kafka.BrokerAnswers(TimeSpan.FromSeconds(10)), "the broker no longer answers: " + broker.Log);
            Assert.NotEmpty(kafka.GetEndOffsets(kafka.Topics.Prompts));
            Assert.DoesNotContain("failed to poll", broker.Log, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var child in children) child.Dispose();
        }
    }

    [Fact]
    public async Task Train_SourceKafkaOneRound_WaitsForTheRoundsGenerationThenPublishesItsCheckpointAndExits()
    {
        using var dir = new TempDir();
        var config = WriteWorkspace(dir, "${RLAIFV_TEST_BOOTSTRAP}", "${RLAIFV_TEST_METRICS_PORT}");
        var children = new List<Host>();
        try
        {
            var (broker, bootstrap) = await StartBrokerAsync(children, config);
            using var kafka = KafkaEnvironment.Open(new KafkaOptions { BootstrapServers = bootstrap, Partitions = 2 });
            var trainer = Start(children, ["train", "--source", "kafka", "--round", "0", "--config", config],
                new() { ["RLAIFV_TEST_BOOTSTRAP"] = bootstrap, ["RLAIFV_TEST_METRICS_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture) });
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(trainer.Process.HasExited, "train --round 0 should wait for round 0's generation: " + trainer.Log);

            var generator = Start(children, ["generate", "--source", "kafka", "--round", "0", "--until-caught-up", "--config", config],
                new() { ["RLAIFV_TEST_BOOTSTRAP"] = bootstrap, ["RLAIFV_TEST_METRICS_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture) });
            Assert.True(await ExitedAsync(generator) && generator.Process.ExitCode == 0, generator.Log);
            Assert.True(await ExitedAsync(trainer), trainer.Log);
            Assert.True(trainer.Process.ExitCode == 0, trainer.Log);

            var round = State(kafka).Round(0)!;
            Assert.NotNull(round.GenerationComplete);
            var published = Assert.IsType<CheckpointPublished>(round.CheckpointPublished);
            Assert.Equal(Path.GetFullPath(dir.File("checkpoints/round-0001")), published.Uri);
            Assert.Contains("round 0: trained on", trainer.Log, StringComparison.Ordinal);
            Assert.Null(State(kafka).Round(1)); // one round asked, one round done
        }
        finally
        {
            foreach (var child in children) child.Dispose();
        }
    }

    [Fact]
    public async Task Broker_GivenAPort_ClientsBootstrapThroughItAndAPortOutOfRangeIsAUsageError()
    {
        using var dir = new TempDir();
        var config = WriteWorkspace(dir, "${RLAIFV_TEST_BOOTSTRAP}", "1");
        var children = new List<Host>();
        try
        {
            var port = FreePort();
            var broker = Start(children, ["broker", "--port", port.ToString(CultureInfo.InvariantCulture), "--config", config], new() { ["RLAIFV_TEST_BOOTSTRAP"] = "embedded" });
            Assert.Equal($"127.0.0.1:{port}", await BootstrapOfAsync(broker));
            using var kafka = KafkaEnvironment.Open(new KafkaOptions { BootstrapServers = $"127.0.0.1:{port}", Partitions = 2 });
            Assert.True(kafka.BrokerAnswers(TimeSpan.FromSeconds(10)), broker.Log);
            Assert.Equal([0, 1], kafka.GetEndOffsets(kafka.Topics.Prompts).Select(e => e.Partition)); // the run's topics, made at start

            var wrong = Start(children, ["broker", "--port", "70000", "--config", config], new() { ["RLAIFV_TEST_BOOTSTRAP"] = "embedded" });
            Assert.True(await ExitedAsync(wrong), wrong.Log);
            Assert.Equal(ExitCodes.Usage, wrong.Process.ExitCode);
            Assert.Contains("--port 70000", wrong.Log, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var child in children) child.Dispose();
        }
    }

    /// <summary>Runs <c>rlaifv run</c> in this process with the doubles against a broker process of its own; returns that broker's address.</summary>
    private static async Task<string> ReferenceRunAsync(TempDir dir, List<Host> children)
    {
        var root = dir.File("reference");
        Directory.CreateDirectory(root);
        var config = Path.Combine(root, "pipeline.yaml");
        var (broker, bootstrap) = await StartBrokerAsync(children, dir.File("pipeline.yaml"));
        File.WriteAllText(config, File.ReadAllText(dir.File("pipeline.yaml"))
            .Replace("${RLAIFV_TEST_BOOTSTRAP}", bootstrap, StringComparison.Ordinal)
            .Replace("enabled: true", "enabled: false", StringComparison.Ordinal)
            .Replace("port: ${RLAIFV_TEST_METRICS_PORT}", "port: 9464", StringComparison.Ordinal)
            .Replace("prompts.jsonl", dir.File("prompts.jsonl"), StringComparison.Ordinal)
            .Replace("image_root: images", $"image_root: {dir.File("images")}", StringComparison.Ordinal)
            .Replace("path: start", $"path: {dir.File("start")}", StringComparison.Ordinal));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["run", "--config", config], stdout, stderr, o => ShapesRun.Models(o, null), new ShapesRun.Trainer());
        Assert.True(code == 0, stderr.ToString());
        return bootstrap;
    }

    /// <summary>The run's prompts, start checkpoint and config (metrics on the port given, kafka.bootstrap_servers as given).</summary>
    private static string WriteWorkspace(TempDir dir, string bootstrap, string metricsPort, string kafkaExtra = "")
    {
        Directory.CreateDirectory(dir.File("images"));
        File.WriteAllBytes(dir.File("images/a.png"), Png.Solid(8, 8));
        File.WriteAllLines(dir.File("prompts.jsonl"), Enumerable.Range(0, Rounds).SelectMany(r => Enumerable.Range(0, PerRound).Select(i =>
            $$"""{"id":"q{{r}}-{{i:D3}}","instruction":"Describe this image in detail.","image_path":"a.png"}""")));
        ShapesRun.WriteCheckpoint(dir.File("start"), 0.5, 0);
        var config = dir.File("pipeline.yaml");
        File.WriteAllText(config, $$"""
            run: { rounds: {{Rounds}}, prompts_per_round: {{PerRound}}, global_seed: 7 }
            input: { path: prompts.jsonl }
            ingest: { image_root: images, capacity: 8 }
            sampling: { n: 8, batch: { size: 8, flush_ms: 20, capacity: 16 } }
            claims: { batch: { size: 32, flush_ms: 20 } }
            questions: { batch: { size: 32, flush_ms: 20 } }
            labeler: { batch: { size: 32, flush_ms: 20 } }
            output: { dir: out }
            metrics:
              enabled: true
              port: {{metricsPort}}
            models: { policy: { path: start } }
            training: { checkpoints_dir: checkpoints, min_pairs: 1 }
            kafka:
              bootstrap_servers: "{{bootstrap}}"
              partitions: 2
              session_timeout_ms: 2000
              commit_interval_ms: 200
            {{kafkaExtra}}
            """);
        return config;
    }

    /// <summary>Each record's figures that must not depend on how the run was split: digests, ranges, counts.</summary>
    private static List<string> Summary(IEnumerable<object> records) => records.Select(r => r switch
    {
        RoundStarted s when s.PromptEndOffsets.Count > 0 => $"started {s.Round} policy {s.PolicySha256} prompts {Offsets(s.PromptStartOffsets)} .. {Offsets(s.PromptEndOffsets)}",
        RoundGenerationComplete g => $"complete {g.Round} pairs {g.PairCount}",
        CheckpointPublished c => $"published {c.Round} sha256 {c.Sha256}",
        _ => null,
    }).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    private static string Offsets(IReadOnlyList<PartitionOffset> offsets) => string.Join(",", offsets.OrderBy(o => o.Partition).Select(o => $"{o.Partition}:{o.Offset}"));

    private static List<object> Records(KafkaEnvironment kafka) =>
        kafka.CreateReader().ReadRaw(kafka.Topics.Control, kafka.GetEndOffsets(kafka.Topics.Control)).Select(ControlTopicReader.Decode).ToList();

    private static ControlState State(KafkaEnvironment kafka) => new ControlTopicReader(kafka).ReadState();

    private static List<string> PairIds(KafkaEnvironment kafka, int round)
    {
        var topic = kafka.Topics.Pairs(round);
        return kafka.CreateReader().Read(topic, KafkaRecordTypes.PreferencePair, kafka.GetEndOffsets(topic)).Select(p => p.Id).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static long PairMessages(KafkaEnvironment kafka, int round) => kafka.GetEndOffsets(kafka.Topics.Pairs(round)).Sum(e => e.Offset);

    /// <summary>Polls the generator's /metrics until its consumer lag is 0 on every partition.</summary>
    private static Task LagZeroAsync(int port, List<Host> children) => UntilAsync(async () =>
    {
        var lags = LagLine().Matches(await ScrapeAsync(port)).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return lags.Count > 0 && lags.All(l => l == 0);
    }, "consumer lag 0 on every partition", children);

    [GeneratedRegex(@"^rlaifv_kafka_consumer_lag\{[^}]*\} (\S+)$", RegexOptions.Multiline)]
    private static partial Regex LagLine();

    private static async Task<string> ScrapeAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            return await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return string.Empty;
        }
    }

    private static async Task<HttpStatusCode?> StatusAsync(int port, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        try
        {
            return (await http.GetAsync($"http://127.0.0.1:{port}{path}")).StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static Task UntilAsync(Func<bool> condition, string what, List<Host> children) => UntilAsync(() => Task.FromResult(condition()), what, children);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming it (and any child that exited) after <see cref="Patience"/>.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what, List<Host> children)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is InvalidOperationException or Confluent.Kafka.KafkaException or TimeoutException)
            {
                // The topic or the broker is not there yet: ask again.
            }
            await Task.Delay(100);
        }
        var exited = children.Where(c => c.Process.HasExited).Select(c => $"{string.Join(' ', c.Process.StartInfo.ArgumentList.Skip(1))} exited {c.Process.ExitCode}: {c.Log}");
        Assert.Fail($"waited {Patience.TotalSeconds:F0} s for {what}; {string.Join("; ", exited)}");
    }

    /// <summary>Waits up to <see cref="Patience"/> for the child to exit, then for its output to be read to the end.</summary>
    private static async Task<bool> ExitedAsync(Host host)
    {
        if (!await Task.Run(() => host.Process.WaitForExit(Patience))) return false;
        await host.Process.WaitForExitAsync();
        return true;
    }

    private static Host Start(List<Host> children, string[] args, Dictionary<string, string> environment, int delayMs = 0)
    {
        var host = Host.Start(args, delayMs, environment);
        children.Add(host);
        return host;
    }

    /// <summary>Starts <c>rlaifv broker</c> (the embedded broker, no metrics) on <paramref name="config"/>; returns it and its address.</summary>
    private static async Task<(Host Broker, string Bootstrap)> StartBrokerAsync(List<Host> children, string config)
    {
        var broker = Start(children, ["broker", "--config", config], new() { ["RLAIFV_TEST_BOOTSTRAP"] = "embedded", ["RLAIFV_TEST_METRICS_PORT"] = "1" });
        return (broker, await BootstrapOfAsync(broker));
    }

    private static async Task<string> BootstrapOfAsync(Host broker)
    {
        string? bootstrap = null;
        await UntilAsync(() => broker.Process.HasExited ? throw new Xunit.Sdk.XunitException("the broker exited: " + broker.Log) : (bootstrap = BootstrapLine().Match(broker.Log) is { Success: true } m ? m.Groups[1].Value : null) is not null, "the broker's address", [broker]);
        return bootstrap!;
    }

    [GeneratedRegex(@"^bootstrap: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex BootstrapLine();

    private static void Signal(Host host, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, host.Process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
