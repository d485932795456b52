using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;

namespace RlaifV.Kafka;

/// <summary>
/// Reads a topic from the beginning (or given start offsets) up to recorded end offsets per partition and
/// stops: the way the trainer reads round r's pairs. Never joins a group or commits. The typed read yields
/// records one by one and drops duplicates by each record's deterministic id, so retried or redelivered
/// outputs count once.
/// </summary>
public sealed class BoundedTopicReader
{
    private readonly KafkaOptions options;
    private readonly string bootstrapServers;
    private readonly ILogger logger;

    /// <summary>Creates a reader.</summary>
    public BoundedTopicReader(KafkaOptions options, string bootstrapServers, ILogger<BoundedTopicReader>? logger = null)
    {
        this.options = options;
        this.bootstrapServers = bootstrapServers;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Every message of <paramref name="topic"/> below <paramref name="endOffsets"/> (exclusive), partition by
    /// partition in offset order (partitions interleave). Partitions not listed are not read.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="endOffsets">End offset (exclusive) per partition.</param>
    /// <param name="startOffsets">Start offset per partition; partitions not listed start at the beginning.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="TimeoutException">A partition made no progress towards its end offset for <see cref="KafkaOptions.BoundedReadStallTimeoutMs"/>.</exception>
    public IEnumerable<ConsumeResult<string, byte[]>> ReadRaw(
        string topic,
        IReadOnlyList<PartitionOffset> endOffsets,
        IReadOnlyList<PartitionOffset>? startOffsets = null,
        CancellationToken cancellationToken = default)
    {
        var starts = (startOffsets ?? []).ToDictionary(s => s.Partition, s => s.Offset);
        var remaining = endOffsets
            .Where(e => e.Offset > starts.GetValueOrDefault(e.Partition, 0))
            .ToDictionary(e => e.Partition, e => e.Offset);
        if (remaining.Count == 0) yield break;

        using var consumer = new ConsumerBuilder<string, byte[]>(ClientConfigs.Reader(options, bootstrapServers))
            .SetLogHandler((_, m) => ClientConfigs.RouteLog(logger, "reader", m))
            .SetErrorHandler((_, e) => Log.ClientError(logger, "reader", e.Code, e.Reason, e.IsFatal))
            .Build();
        consumer.Assign(remaining.Keys.Select(p =>
            new TopicPartitionOffset(topic, p, starts.TryGetValue(p, out var s) ? new Offset(s) : Offset.Beginning)));
        var lastProgress = Environment.TickCount64;
        while (remaining.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                if (Environment.TickCount64 - lastProgress > options.BoundedReadStallTimeoutMs)
                    throw new TimeoutException($"bounded read of '{topic}': partitions [{string.Join(", ", remaining.Select(r => $"{r.Key} (end {r.Value})"))}] made no progress for {options.BoundedReadStallTimeoutMs} ms");
                continue;
            }
            var partition = result.Partition.Value;
            if (!remaining.TryGetValue(partition, out var end)) continue;
            if (result.IsPartitionEOF)
            {
                if (result.Offset.Value >= end) remaining.Remove(partition);
                continue;
            }
            lastProgress = Environment.TickCount64;
            if (result.Offset.Value >= end)
            {
                remaining.Remove(partition);
                continue;
            }
            if (result.Offset.Value + 1 >= end) remaining.Remove(partition);
            yield return result;
        }
    }

    /// <summary>
    /// The records of type <typeparamref name="T"/> in the bounded range, one by one (a message holding a
    /// prompt's batch yields each of its records), first occurrence of each record id only: a redelivered
    /// prompt's repeated batch, or a retried single record, counts once. A message of another record type
    /// or an undecodable value fails the read, or, when <paramref name="malformed"/> is given, is handed to it
    /// and skipped (consumers that dead-letter bad input instead of stopping).
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="type">The record type the topic holds.</param>
    /// <param name="endOffsets">End offset (exclusive) per partition.</param>
    /// <param name="stats">Receives counts, when given.</param>
    /// <param name="malformed">Receives each message that does not decode, with why; null: such a message throws.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="InvalidDataException">A message is not a well-formed message of <paramref name="type"/> (and no <paramref name="malformed"/> was given).</exception>
    public IEnumerable<T> Read<T>(
        string topic,
        KafkaRecordType<T> type,
        IReadOnlyList<PartitionOffset> endOffsets,
        BoundedReadStats? stats = null,
        Action<ConsumeResult<string, byte[]>, InvalidDataException>? malformed = null,
        CancellationToken cancellationToken = default)
    {
        stats ??= new BoundedReadStats();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in ReadRaw(topic, endOffsets, null, cancellationToken))
        {
            stats.Messages++;
            IReadOnlyList<T> records;
            try
            {
                records = type.DecodeAll(message);
            }
            catch (InvalidDataException e) when (malformed is not null)
            {
                stats.Malformed++;
                malformed(message, e);
                continue;
            }
            foreach (var record in records)
            {
                if (!seen.Add(type.IdOf(record)))
                {
                    stats.Duplicates++;
                    continue;
                }
                stats.Records++;
                yield return record;
            }
        }
        Log.BoundedReadDone(logger, topic, stats.Records, stats.Duplicates);
    }

    /// <summary>The pairs of a finished round: its pairs topic up to the recorded end offsets, deduplicated.</summary>
    public IEnumerable<PreferencePair> ReadRoundPairs(RoundGenerationComplete complete, BoundedReadStats? stats = null, CancellationToken cancellationToken = default) =>
        Read(complete.PairsTopic, KafkaRecordTypes.PreferencePair, complete.EndOffsets, stats, null, cancellationToken);
}
