namespace RlaifV.Stages.Options;

/// <summary>Verification by the labeler (method step 5).</summary>
public sealed record LabelerOptions
{
    /// <summary>Batching, in candidates (all of a candidate's questions go in the same call).</summary>
    public BatchingOptions Batch { get; init; } = new() { Size = 16, Capacity = 128 };
}
