using System.Collections.Immutable;
using RlaifV.Schemas.Control;

namespace RlaifV.Kafka;

/// <summary>
/// The state of every round, folded from control records in topic order: for each round and each kind of
/// event the latest record wins (what compaction keeps). Immutable; <see cref="Apply(object)"/> returns a
/// new state.
/// </summary>
public sealed class ControlState
{
    private ControlState(ImmutableSortedDictionary<int, RoundState> rounds) => Rounds = rounds;

    /// <summary>No rounds.</summary>
    public static ControlState Empty { get; } = new(ImmutableSortedDictionary<int, RoundState>.Empty);

    /// <summary>Every round seen, by round number.</summary>
    public ImmutableSortedDictionary<int, RoundState> Rounds { get; }

    /// <summary>The highest round that has started, or null.</summary>
    public RoundState? LatestStarted => Rounds.Values.LastOrDefault(r => r.Started is not null);

    /// <summary>Folds <paramref name="records"/> (control records, in topic order) over <see cref="Empty"/>.</summary>
    public static ControlState Fold(IEnumerable<object> records) => records.Aggregate(Empty, (s, r) => s.Apply(r));

    /// <summary>Applies one control record.</summary>
    /// <exception cref="ArgumentException">Not a control record.</exception>
    public ControlState Apply(object record) => record switch
    {
        RoundStarted s => Update(s.Round, r => r with { Started = s }),
        RoundGenerationComplete g => Update(g.Round, r => r with { GenerationComplete = g }),
        CheckpointPublished c => Update(c.Round, r => r with { CheckpointPublished = c }),
        _ => throw new ArgumentException($"{record.GetType().Name} is not a control record", nameof(record)),
    };

    /// <summary>The state of <paramref name="round"/>, or null when nothing is known of it.</summary>
    public RoundState? Round(int round) => Rounds.GetValueOrDefault(round);

    /// <summary>
    /// The policy checkpoint of <paramref name="round"/>: the one its <see cref="RoundStarted"/> names, else
    /// the checkpoint published after training on round − 1; null when neither is known.
    /// </summary>
    public (string Uri, string Sha256)? PolicyFor(int round)
    {
        if (Round(round)?.Started is { } started) return (started.PolicyUri, started.PolicySha256);
        if (Round(round - 1)?.CheckpointPublished is { } published) return (published.Uri, published.Sha256);
        return null;
    }

    private ControlState Update(int round, Func<RoundState, RoundState> change)
    {
        var current = Rounds.GetValueOrDefault(round) ?? new RoundState(round, null, null, null);
        return new ControlState(Rounds.SetItem(round, change(current)));
    }
}
