using RlaifV.Kafka;
using RlaifV.Kafka.Embedded;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv broker</c>: librdkafka's mock cluster as a process of its own, so the roles can run as separate processes on
/// one machine (tests, demos). The mock cluster cannot create topics through the admin API, so the broker creates the
/// topics of the configured run up front (the base topics and rounds 0 .. run.rounds − 1, with kafka.partitions). It
/// keeps everything in memory and has no security: it says so loudly. Runs until Ctrl+C / SIGTERM.
/// </summary>
public static class BrokerCommand
{
    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("broker", "broker",
            "A TEST Kafka broker (librdkafka's mock cluster: in memory, not durable, no security) as a process of its own, with " +
            "the topics of the configured run created (run.rounds rounds, kafka.partitions partitions). Prints its bootstrap " +
            "address on stdout; runs until stopped. For tests and demos only: use a real Kafka cluster otherwise.",
            "rlaifv broker [--config FILE] [--port P] [--rounds N] [--rebalance-delay-ms N]");
        var config = new ConfigOptions(verb, ConfigOverride.Rounds);
        var port = CliOption.Whole("--port", 1, "also accept clients on this local port (the mock cluster's own port is chosen by the system)");
        verb.Options.Add(port);
        var delay = CliOption.Whole("--rebalance-delay-ms", 0,
            "how long a new consumer group waits for more members before its first assignment (default 1000; a real broker's " +
            "group.initial.rebalance.delay.ms is 3000): generators that join a round together then split it from the start");
        verb.Options.Add(delay);
        verb.SetHandler(services, global, run => RunAsync(config.Bind(run.Parse).LoadOptions(configOptional: true), run.Get(port), run.Get(delay) ?? 1_000, run));
        return verb;
    }

    /// <summary>Runs the verb with validated options.</summary>
    public static async Task<int> RunAsync(PipelineOptions options, int? port, int rebalanceDelayMs, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        if (port is > 65535) throw new UsageException($"--port {port}: allowed is 1..65535");
        using var cluster = EmbeddedKafkaCluster.Start(options.Kafka.EmbeddedBrokers, rebalanceDelayMs);
        using var environment = KafkaEnvironment.Attach(options.Kafka with { BootstrapServers = cluster.BootstrapServers }, cluster, run.Loggers);
        await environment.EnsureRunTopicsAsync(options.Run.Rounds, run.Stop);
        using var relay = port is { } p ? TcpRelay.Start(p, cluster.BootstrapServers.Split(',')[0]) : null;
        run.Progress.WriteLine("**********************************************************************************");
        run.Progress.WriteLine("* TEST BROKER: librdkafka's mock cluster. In memory, NOT durable, NO security.    *");
        run.Progress.WriteLine("* For tests and demos on one machine only; use a real Kafka cluster otherwise.     *");
        run.Progress.WriteLine("**********************************************************************************");
        run.Progress.WriteLine($"topics: {environment.Topics.Prefix}.* for {options.Run.Rounds} rounds, {options.Kafka.Partitions} partitions");
        await run.Out.WriteLineAsync($"bootstrap: {(relay is null ? cluster.BootstrapServers : $"127.0.0.1:{port}")}");
        await run.Out.FlushAsync();
        await run.UntilStoppedAsync();
        run.Progress.WriteLine("broker stopped; its topics are gone");
        return ExitCodes.Ok;
    }
}
