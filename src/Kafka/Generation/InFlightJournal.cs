using System.Globalization;
using System.Text;
using Confluent.Kafka;
using RlaifV.Stages.Flow;

namespace RlaifV.Kafka.Generation;

/// <summary>
/// Poison protection for Kafka generators: a durable, shared record of the prompts each generator has sent to a model and
/// not finished, on the round's compacted in-flight topic (<see cref="TopicNames.InFlight"/>), so a prompt that kills
/// every generator that takes it cannot stop the round. Before a prompt's first model call its mark
/// (<c>m/{partition}/{offset}</c> = this instance) is written and delivered; when the prompt is done (outputs or dead letter
/// delivered) the mark is removed (a tombstone). A clean stop drains the graph, so it leaves no marks; on revocation a
/// live generator removes its marks of the partitions it loses. A mark of another instance found on a partition assigned
/// here was therefore left by an unclean exit: it counts one strike (<c>s/{partition}/{offset}/{instance}</c>, one per
/// dead instance, so generators that find the same mark count it once). A prompt with a strike is processed alone (no
/// neighbour shares its fate, so innocent prompts collect no further strikes); at <see cref="KafkaOptions.PoisonAfter"/>
/// strikes it is dead-lettered with reason <c>poison</c> and its offset passed. Thread-safe.
/// </summary>
public sealed class InFlightJournal
{
    private readonly KafkaEnvironment environment;
    private readonly RecordProducer producer;
    private readonly string topic;
    private readonly string promptsTopic;
    private readonly string instance = Guid.NewGuid().ToString("N");
    private readonly Lock gate = new();
    private readonly Dictionary<int, long> loaded = [];
    private readonly Dictionary<(int Partition, long Offset), HashSet<string>> strikes = [];
    private readonly HashSet<(int Partition, long Offset)> marked = [];

    /// <summary>Creates the journal of round <paramref name="round"/> (the topic must exist).</summary>
    /// <param name="environment">The cluster.</param>
    /// <param name="producer">A non-transactional producer for marks and strikes.</param>
    /// <param name="round">The round.</param>
    public InFlightJournal(KafkaEnvironment environment, RecordProducer producer, int round)
    {
        ArgumentNullException.ThrowIfNull(environment);
        this.environment = environment;
        this.producer = producer;
        topic = environment.Topics.InFlight(round);
        promptsTopic = environment.Topics.Prompts;
        PoisonAfter = environment.Options.PoisonAfter;
    }

    /// <summary>Strikes at which a prompt is dead-lettered as poison (<c>kafka.poison_after</c>).</summary>
    public int PoisonAfter { get; }

    /// <summary>
    /// The strikes of the prompt at <paramref name="token"/>: 0 for a prompt no generator died on. The first message of a
    /// partition (per assignment) reads that partition's marks and turns those of other instances into strikes.
    /// </summary>
    public int Strikes(OffsetToken token)
    {
        var partition = token.TopicPartition.Partition.Value;
        lock (gate)
        {
            if (!loaded.TryGetValue(partition, out var generation) || generation != token.Generation)
            {
                Load(partition);
                loaded[partition] = token.Generation;
            }
            return strikes.TryGetValue((partition, token.Offset), out var by) ? by.Count : 0;
        }
    }

    /// <summary>Marks the prompts of <paramref name="tickets"/> in flight and waits until the marks are durable.</summary>
    public async ValueTask MarkAsync(IReadOnlyList<PromptTicket> tickets, CancellationToken cancellationToken)
    {
        var writes = new List<Task>();
        foreach (var ticket in tickets)
        {
            if (ticket.State is not KafkaTicket { PromptId: not null } state) continue;
            var at = (state.Token.TopicPartition.Partition.Value, state.Token.Offset);
            lock (gate)
            {
                if (!marked.Add(at)) continue;
            }
            writes.Add(producer.ProduceAsync(topic, new Message<string, byte[]> { Key = MarkKey(at), Value = Encoding.UTF8.GetBytes(instance) }, CancellationToken.None));
        }
        if (writes.Count > 0) await Task.WhenAll(writes).WaitAsync(cancellationToken);
    }

    /// <summary>The prompt is done: its mark (and its strikes) are removed.</summary>
    public void Done(PromptTicket ticket)
    {
        if (ticket.State is not KafkaTicket state) return;
        var at = (state.Token.TopicPartition.Partition.Value, state.Token.Offset);
        List<string> keys = [];
        lock (gate)
        {
            if (marked.Remove(at)) keys.Add(MarkKey(at));
            if (strikes.Remove(at, out var by)) keys.AddRange(by.Select(owner => StrikeKey(at, owner)));
        }
        foreach (var key in keys) producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = null! });
    }

    /// <summary>Removes this instance's marks of revoked partitions (a live generator's prompts are no strikes).</summary>
    public void Release(IReadOnlyList<TopicPartition> revoked)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var partitions = revoked.Where(r => r.Topic == promptsTopic).Select(r => r.Partition.Value).ToHashSet();
        List<(int, long)> released;
        lock (gate)
        {
            released = marked.Where(m => partitions.Contains(m.Partition)).ToList();
            foreach (var m in released) marked.Remove(m);
            foreach (var p in partitions) loaded.Remove(p);
        }
        foreach (var m in released) producer.Produce(topic, new Message<string, byte[]> { Key = MarkKey(m), Value = null! });
        if (released.Count > 0) producer.Flush(TimeSpan.FromSeconds(10));
    }

    /// <summary>Reads the journal and turns marks of other instances on <paramref name="partition"/> into strikes.</summary>
    private void Load(int partition)
    {
        var marks = new Dictionary<long, string>();
        var prefixMark = string.Create(CultureInfo.InvariantCulture, $"m/{partition}/");
        var prefixStrike = string.Create(CultureInfo.InvariantCulture, $"s/{partition}/");
        foreach (var message in environment.CreateReader().ReadRaw(topic, environment.GetEndOffsets(topic)))
        {
            var key = message.Message.Key ?? string.Empty;
            var value = message.Message.Value;
            if (key.StartsWith(prefixMark, StringComparison.Ordinal) && long.TryParse(key.AsSpan(prefixMark.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                if (value is null) marks.Remove(offset);
                else marks[offset] = Encoding.UTF8.GetString(value);
            }
            else if (key.StartsWith(prefixStrike, StringComparison.Ordinal))
            {
                var parts = key[prefixStrike.Length..].Split('/', 2);
                if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var struck)) continue;
                var at = (partition, struck);
                if (value is null)
                {
                    if (strikes.TryGetValue(at, out var by)) by.Remove(parts[1]);
                }
                else
                {
                    if (!strikes.TryGetValue(at, out var by)) strikes[at] = by = [];
                    by.Add(parts[1]);
                }
            }
        }
        foreach (var (offset, owner) in marks)
        {
            if (owner == instance) continue;
            var at = (partition, offset);
            if (!strikes.TryGetValue(at, out var by)) strikes[at] = by = [];
            if (by.Add(owner)) producer.Produce(topic, new Message<string, byte[]> { Key = StrikeKey(at, owner), Value = Encoding.UTF8.GetBytes(owner) });
            producer.Produce(topic, new Message<string, byte[]> { Key = MarkKey(at), Value = null! });
        }
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private static string MarkKey((int Partition, long Offset) at) => string.Create(CultureInfo.InvariantCulture, $"m/{at.Partition}/{at.Offset}");

    private static string StrikeKey((int Partition, long Offset) at, string owner) => string.Create(CultureInfo.InvariantCulture, $"s/{at.Partition}/{at.Offset}/{owner}");
}
