using RlaifV.Stages.Ports;

namespace RlaifV.Serving;

/// <summary>
/// What rows must share to run in one forward pass: the decoding settings and how many top log-probs to record
/// (-1: none).
/// </summary>
/// <param name="Temperature">Softmax temperature (0: greedy).</param>
/// <param name="TopP">Nucleus mass.</param>
/// <param name="TopK">Top-k (0: off).</param>
/// <param name="RepetitionPenalty">Repetition penalty (1: off).</param>
/// <param name="MaxTokens">Token budget.</param>
/// <param name="TopLogprobs">Top log-probs per position (-1: no log-probs).</param>
internal readonly record struct RowSettings(double Temperature, double TopP, int TopK, double RepetitionPenalty, int MaxTokens, int TopLogprobs)
{
    public GenerationSettings Generation => new() { Temperature = Temperature, TopP = TopP, TopK = TopK, RepetitionPenalty = RepetitionPenalty, MaxNewTokens = MaxTokens };
}
