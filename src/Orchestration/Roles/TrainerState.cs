namespace RlaifV.Orchestration.Roles;

/// <summary>What a trainer is doing (<c>rlaifv_trainer_state{state}</c>, one-hot).</summary>
public enum TrainerState
{
    /// <summary>Nothing to train: following the control topic.</summary>
    Idle,

    /// <summary>Waiting for the asked round's generation to complete.</summary>
    Waiting,

    /// <summary>Training a round (reference log-probs, then DPO).</summary>
    Training,

    /// <summary>Publishing a trained checkpoint.</summary>
    Publishing,
}
