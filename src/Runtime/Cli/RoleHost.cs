using RlaifV.Kafka;
using RlaifV.Orchestration.Roles;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Flow;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// What every role verb (coordinate, generate --follow, train --follow / --source kafka) starts with: the cluster, the
/// pipeline's metrics, the role's status (state gauges, liveness, readiness with a broker check) and the one HTTP
/// listener serving /metrics, /healthz and /readyz.
/// </summary>
internal sealed class RoleHost : IDisposable
{
    private readonly MetricsEndpoint? endpoint;

    private RoleHost(KafkaEnvironment environment, PipelineMetrics metrics, RoleStatus status, MetricsEndpoint? endpoint)
    {
        Environment = environment;
        Metrics = metrics;
        Status = status;
        this.endpoint = endpoint;
    }

    /// <summary>The cluster.</summary>
    public KafkaEnvironment Environment { get; }

    /// <summary>The pipeline's metrics (their registry is the one served).</summary>
    public PipelineMetrics Metrics { get; }

    /// <summary>The role's status.</summary>
    public RoleStatus Status { get; }

    /// <summary>Connects, serves the endpoint and says where on the progress stream.</summary>
    public static RoleHost Open(PipelineOptions options, Invocation run, RoleKind role)
    {
        var environment = KafkaEnvironment.Open(options.Kafka, run.Loggers);
        try
        {
            var metrics = new PipelineMetrics();
            var status = new RoleStatus(role, metrics.Registry, TimeSpan.FromSeconds(options.Health.StallSeconds))
            {
                BrokerAnswers = () => environment.BrokerAnswers(TimeSpan.FromSeconds(2)),
            };
            var endpoint = MetricsEndpoint.Start(options.Metrics, metrics.Registry, run.Progress, status);
            run.Progress.WriteLine($"{Schemas.EnumNames.Of(role)}: kafka {(options.Kafka.IsEmbedded ? "embedded broker (this process only) at " : string.Empty)}{environment.BootstrapServers}, topics {environment.Topics.Prefix}.*");
            return new RoleHost(environment, metrics, status, endpoint);
        }
        catch
        {
            environment.Dispose();
            throw;
        }
    }

    /// <summary>Stops the endpoint, then the cluster connection.</summary>
    public void Dispose()
    {
        endpoint?.Dispose();
        Environment.Dispose();
    }
}
