namespace RlaifV.Stages.Ports;

/// <summary>Decoding settings for one generation call. Temperature 0 means greedy.</summary>
public sealed record GenerationSettings
{
    /// <summary>Softmax temperature; 0 selects greedy decoding.</summary>
    public double Temperature { get; init; } = 0.7;

    /// <summary>Nucleus sampling mass; 1 disables it.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Keep only the k most likely tokens; 0 disables it.</summary>
    public int TopK { get; init; }

    /// <summary>CTRL-style repetition penalty; 1 disables it.</summary>
    public double RepetitionPenalty { get; init; } = 1.0;

    /// <summary>At most this many new tokens.</summary>
    public int MaxNewTokens { get; init; } = 512;
}
