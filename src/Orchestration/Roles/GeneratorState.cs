namespace RlaifV.Orchestration.Roles;

/// <summary>What a generator is doing (<c>rlaifv_generator_state{state}</c>, one-hot).</summary>
public enum GeneratorState
{
    /// <summary>No round is open: following the control topic.</summary>
    Idle,

    /// <summary>Loading a round's models (its policy checked by digest).</summary>
    Loading,

    /// <summary>Generating in a round's consumer group.</summary>
    Generating,

    /// <summary>Stopping: reading has ended, what is in flight drains and is committed.</summary>
    Draining,
}
