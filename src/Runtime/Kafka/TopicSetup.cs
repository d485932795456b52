using Confluent.Kafka;
using RlaifV.Kafka;

namespace RlaifV.Runtime.Kafka;

/// <summary>
/// Creates only the topics a cluster does not have yet: existing topics need no create permission, and a
/// broker that cannot create topics through the admin API (librdkafka's mock cluster hosted by another
/// process, as in the crash tests) works once its topics exist.
/// </summary>
public static class TopicSetup
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the missing ones of <paramref name="topics"/>.</summary>
    public static async Task EnsureAsync(KafkaEnvironment environment, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        if (environment.Embedded is not null)
        {
            await environment.EnsureTopicsAsync(topics, cancellationToken);
            return;
        }
        HashSet<string> existing;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = environment.BootstrapServers, ClientId = environment.Options.ClientId }).Build())
        {
            existing = admin.GetMetadata(MetadataTimeout).Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        }
        var missing = topics.Where(t => !existing.Contains(t)).ToList();
        if (missing.Count > 0) await environment.EnsureTopicsAsync(missing, cancellationToken);
    }

    /// <summary>The prompts, DLQ and control topics.</summary>
    public static Task EnsureBaseAsync(KafkaEnvironment environment, CancellationToken cancellationToken) =>
        EnsureAsync(environment, [environment.Topics.Prompts, environment.Topics.DeadLetters, environment.Topics.Control], cancellationToken);
}
