using RlaifV.Stages.Flow;

namespace RlaifV.Kafka.Generation;

/// <summary>
/// Which prompt ids this process has taken into the graph, and which of them are done. A message for a
/// prompt already done (a redelivery after a rebalance, or a repeated prompt) is acknowledged at once
/// without rework: its outputs exist. One for a prompt still in flight is acknowledged together with
/// the original when that completes. Ids are kept as 64-bit hashes; the done ones only among the last
/// <c>capacity</c> (<see cref="RecentIds"/>), so a generator that never ends keeps bounded memory: a redelivery of a
/// prompt done longer ago is processed again, and its outputs, with the same deterministic ids, are dropped by id by
/// every reader. Thread-safe.
/// </summary>
/// <param name="capacity">Done prompts remembered (<c>ingest.dedup_window</c>).</param>
public sealed class PromptLedger(int capacity = 1_000_000)
{
    private readonly Lock gate = new();
    private readonly RecentIds done = new(capacity);
    private readonly Dictionary<long, List<OffsetToken>> inFlight = [];

    /// <summary>What to do with a message for a prompt.</summary>
    public enum Decision
    {
        /// <summary>New: send it into the graph.</summary>
        Process,

        /// <summary>Done before: acknowledge it now.</summary>
        AcknowledgeNow,

        /// <summary>In flight: it is acknowledged when the original completes.</summary>
        Deferred,
    }

    /// <summary>Registers a message for <paramref name="promptId"/> and says what to do with it.</summary>
    public Decision Register(string promptId, OffsetToken token)
    {
        var key = Hash(promptId);
        lock (gate)
        {
            if (done.Contains(key)) return Decision.AcknowledgeNow;
            if (inFlight.TryGetValue(key, out var followers))
            {
                followers.Add(token);
                return Decision.Deferred;
            }
            inFlight[key] = [];
            return Decision.Process;
        }
    }

    /// <summary>The prompt left the graph with an outcome that acknowledges it; returns the deferred messages to acknowledge too.</summary>
    public IReadOnlyList<OffsetToken> Complete(string promptId)
    {
        var key = Hash(promptId);
        lock (gate)
        {
            done.Add(key);
            return inFlight.Remove(key, out var followers) ? followers : [];
        }
    }

    /// <summary>The prompt never entered the graph: forget it, so a redelivery processes it.</summary>
    public void Forget(string promptId)
    {
        lock (gate) inFlight.Remove(Hash(promptId));
    }

    private static long Hash(string id) => RecentIds.HashOf(id);
}
