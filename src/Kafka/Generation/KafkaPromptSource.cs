using System.Runtime.CompilerServices;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;

namespace RlaifV.Kafka.Generation;

/// <summary>
/// Prompts from the prompts topic through a <see cref="TrackedConsumer"/> (the round's consumer group,
/// manual offsets). Every message yields one item: a draft, or, when the value is not a prompt record,
/// an item with its parse reason that ingest dead-letters (the offset then moves on). Continuous until
/// stopped, or bounded: with end offsets it ends once every partition is caught up to them, by this
/// process (read here) or by the group (committed). A value over the record limit is dead-lettered
/// (<c>record_too_large</c>) without being decoded. With an <see cref="InFlightJournal"/>, a prompt that was in
/// flight when generators died is processed alone, or, at the journal's limit, dead-lettered as <c>poison</c>. With a
/// <see cref="PartitionOrder"/> (deterministic runs) messages come in (partition, offset) order.
/// </summary>
public sealed class KafkaPromptSource : IPromptSource
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private const long CheckIntervalMs = 300;
    private readonly TrackedConsumer consumer;
    private readonly PromptLedger ledger;
    private readonly string topic;
    private readonly IReadOnlyList<PartitionOffset>? ends;
    private readonly GroupOffsets? groupOffsets;
    private readonly Dictionary<int, long> readUpTo = [];
    private readonly InFlightJournal? journal;
    private readonly PartitionOrder? order;
    private readonly long maxRecordBytes;
    private long read;
    private long redelivered;

    /// <summary>Creates the source.</summary>
    /// <param name="consumer">The consumer, subscribed to <paramref name="topic"/>.</param>
    /// <param name="ledger">Prompt ids in flight (shared with the <see cref="ConsumerAcknowledger"/>).</param>
    /// <param name="topic">The prompts topic.</param>
    /// <param name="ends">Stop once caught up to these end offsets; null: run until stopped.</param>
    /// <param name="groupOffsets">The group's committed offsets (needed with <paramref name="ends"/>).</param>
    /// <param name="journal">Poison protection, or null.</param>
    /// <param name="order">A fixed message order (deterministic runs), or null for the broker's.</param>
    /// <param name="maxRecordBytes">Larger values are dead-lettered undecoded (<c>ingest.max_record_bytes</c>).</param>
    public KafkaPromptSource(
        TrackedConsumer consumer, PromptLedger ledger, string topic, IReadOnlyList<PartitionOffset>? ends, GroupOffsets? groupOffsets,
        InFlightJournal? journal = null, PartitionOrder? order = null, long maxRecordBytes = long.MaxValue)
    {
        this.journal = journal;
        this.order = order;
        this.maxRecordBytes = maxRecordBytes;
        if (ends is not null) ArgumentNullException.ThrowIfNull(groupOffsets);
        this.consumer = consumer;
        this.ledger = ledger;
        this.topic = topic;
        this.ends = ends;
        this.groupOffsets = groupOffsets;
    }

    /// <inheritdoc />
    public string Name => topic;

    /// <summary>True once a bounded source found every partition caught up.</summary>
    public bool CaughtUp { get; private set; }

    /// <summary>Messages read.</summary>
    public long Read => Interlocked.Read(ref read);

    /// <summary>Messages for prompts this process already had (acknowledged without rework).</summary>
    public long Redelivered => Interlocked.Read(ref redelivered);

    /// <inheritdoc />
    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var nextCheck = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var message = order is null ? consumer.Consume(Poll) : order.Next(Poll);
            if (message is null)
            {
                if (ends is not null && Environment.TickCount64 >= nextCheck)
                {
                    if (IsCaughtUp(cancellationToken))
                    {
                        CaughtUp = true;
                        yield break;
                    }
                    nextCheck = Environment.TickCount64 + CheckIntervalMs;
                }
                await Task.Yield();
                continue;
            }
            Interlocked.Increment(ref read);
            var partition = message.Result.Partition.Value;
            readUpTo[partition] = Math.Max(readUpTo.GetValueOrDefault(partition), message.Result.Offset.Value + 1);
            var item = ToItem(message);
            if (item is null) continue;
            yield return item;
        }
    }

    /// <summary>The item for one message, or null when the message needs no work (see <see cref="PromptLedger"/>).</summary>
    private IngestItem? ToItem(ConsumedMessage message)
    {
        var position = ((long)message.Result.Partition.Value << 40) | message.Result.Offset.Value;
        Prompt prompt;
        if (message.Value is { } value && value.LongLength > maxRecordBytes)
        {
            return new IngestItem
            {
                Ticket = new PromptTicket(message.Origin, position, new KafkaTicket(message.Token, null)),
                Key = message.Key,
                ParseReason = DeadLetterReasons.RecordTooLarge,
                ParseError = $"the message value is {value.LongLength} bytes, over ingest.max_record_bytes = {maxRecordBytes}; it was not decoded",
                Raw = $"{message.Origin} ({value.LongLength} bytes)",
            };
        }
        try
        {
            if (message.Value is null || message.Value.Length == 0) throw new InvalidDataException("the message has no value");
            prompt = message.Decode(KafkaRecordTypes.Prompt);
        }
        catch (InvalidDataException e)
        {
            return new IngestItem
            {
                Ticket = new PromptTicket(message.Origin, position, new KafkaTicket(message.Token, null)),
                Key = message.Key,
                ParseReason = DeadLetterReasons.Malformed,
                ParseError = $"not a prompt record (key '{message.Key}'): {e.Message}",
                Raw = MessageDeadLetters.Render(message.Value),
            };
        }
        switch (ledger.Register(prompt.Id, message.Token))
        {
            case PromptLedger.Decision.AcknowledgeNow:
                consumer.MarkDone(message.Token);
                Interlocked.Increment(ref redelivered);
                return null;
            case PromptLedger.Decision.Deferred:
                Interlocked.Increment(ref redelivered);
                return null;
            default:
                var ticket = new PromptTicket(message.Origin, position, new KafkaTicket(message.Token, prompt.Id));
                var strikes = journal?.Strikes(message.Token) ?? 0;
                if (strikes >= (journal?.PoisonAfter ?? int.MaxValue))
                {
                    return new IngestItem
                    {
                        Ticket = ticket,
                        Key = prompt.Id,
                        ParseReason = DeadLetterReasons.Poison,
                        ParseError = $"the prompt was in flight when a generator exited uncleanly {strikes} times (kafka.poison_after = {journal!.PoisonAfter}); its offset is passed",
                        Raw = MessageDeadLetters.Render(message.Value),
                    };
                }
                return new IngestItem { Ticket = ticket, Draft = PromptDraft.Of(prompt), Isolated = strikes > 0 };
        }
    }

    /// <summary>Every partition is at its end offset: read here (while assigned here) or committed by the group.</summary>
    private bool IsCaughtUp(CancellationToken cancellationToken)
    {
        var assigned = consumer.Assignment.Where(a => a.Topic == topic).Select(a => a.Partition.Value).ToHashSet();
        var open = ends!.Where(e => e.Offset > 0 && !(assigned.Contains(e.Partition) && readUpTo.GetValueOrDefault(e.Partition) >= e.Offset)).ToList();
        if (open.Count == 0) return true;
        var committed = groupOffsets!.Committed(topic, open.Select(e => e.Partition), cancellationToken);
        return open.All(e => committed.GetValueOrDefault(e.Partition, -1) >= e.Offset);
    }
}
