using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Options;

/// <summary>Deconfounded candidate generation (method step 2).</summary>
public sealed record SamplingOptions
{
    /// <summary>Candidates per prompt (reference: 10).</summary>
    public int N { get; init; } = 10;

    /// <summary>Sampling temperature (reference: 0.7).</summary>
    public double Temperature { get; init; } = 0.7;

    /// <summary>Nucleus mass; 1 disables it.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Top-k; 0 disables it.</summary>
    public int TopK { get; init; }

    /// <summary>Repetition penalty; 1 disables it.</summary>
    public double RepetitionPenalty { get; init; } = 1.0;

    /// <summary>At most this many new tokens (reference: 512).</summary>
    public int MaxNewTokens { get; init; } = 512;

    /// <summary>Batching, in prompts (each prompt contributes n rows to the policy call).</summary>
    public BatchingOptions Batch { get; init; } = new() { Size = 4, Capacity = 16 };

    /// <summary>The policy's decoding settings (temperature, top-p, top-k, repetition penalty, token budget).</summary>
    public GenerationSettings ToGenerationSettings() => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        TopK = TopK,
        RepetitionPenalty = RepetitionPenalty,
        MaxNewTokens = MaxNewTokens,
    };
}
