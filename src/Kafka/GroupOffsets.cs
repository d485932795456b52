using Confluent.Kafka;
using RlaifV.Schemas.Control;

namespace RlaifV.Kafka;

/// <summary>
/// Reads a consumer group's committed offsets without joining the group (an assign-free client with the
/// group's id only fetches offsets), to tell when a group as a whole has caught up.
/// </summary>
public sealed class GroupOffsets : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IConsumer<string, byte[]> client;

    /// <summary>Creates the reader (see <see cref="KafkaEnvironment.CreateGroupOffsets"/>).</summary>
    /// <param name="options">The transport's settings (client id).</param>
    /// <param name="bootstrapServers">Resolved bootstrap servers.</param>
    /// <param name="groupId">The group.</param>
    internal GroupOffsets(KafkaOptions options, string bootstrapServers, string groupId)
    {
        client = new ConsumerBuilder<string, byte[]>(ClientConfigs.GroupOffsets(options, bootstrapServers, groupId)).SetLogHandler((_, _) => { }).Build();
    }

    /// <summary>
    /// The committed offset of each of <paramref name="partitions"/> of <paramref name="topic"/> (−1 when none);
    /// an empty map when the broker could not be asked (the caller asks again later).
    /// </summary>
    public IReadOnlyDictionary<int, long> Committed(string topic, IEnumerable<int> partitions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return client.Committed(partitions.Select(p => new TopicPartition(topic, p)), Timeout)
                .ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        }
        catch (KafkaException)
        {
            return new Dictionary<int, long>();
        }
    }

    /// <summary>
    /// Sets the group's position on <paramref name="topic"/> to <paramref name="start"/> for every partition where the
    /// group has committed nothing yet (a new round's group starts where the round's prompts begin, not at the topic's
    /// first message); partitions the group already committed keep their offsets, so a restarted round resumes.
    /// </summary>
    public void CommitIfAbsent(string topic, IReadOnlyList<PartitionOffset> start, CancellationToken cancellationToken)
    {
        var committed = Committed(topic, start.Select(s => s.Partition), cancellationToken);
        var missing = start
            .Where(s => s.Offset > 0 && committed.GetValueOrDefault(s.Partition, Offset.Unset.Value) < 0)
            .Select(s => new TopicPartitionOffset(topic, s.Partition, s.Offset))
            .ToList();
        if (missing.Count > 0) client.Commit(missing);
    }

    /// <summary>Releases the client (it never joined the group, so nothing is committed).</summary>
    public void Dispose()
    {
        client.Dispose();
    }
}
