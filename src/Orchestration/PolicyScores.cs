namespace RlaifV.Orchestration;

/// <summary>How much a policy hallucinates on a held-out set (greedy decoding), as a <see cref="IRunEvaluator"/> measures it.</summary>
/// <param name="ResponseHallucination">Share of responses with at least one false claim (the CHAIR_s analogue).</param>
/// <param name="ClaimHallucination">False claims ÷ claims (the CHAIR_i analogue).</param>
/// <param name="Coverage">Objects mentioned truly ÷ objects present.</param>
/// <param name="MeanWords">Mean response length in words.</param>
/// <param name="Responses">Responses measured.</param>
/// <param name="Claims">Claims judged.</param>
/// <param name="Unjudgeable">Share of all claims the evaluator could not judge (left out of the other figures); null when it cannot tell.</param>
public sealed record PolicyScores(double ResponseHallucination, double ClaimHallucination, double Coverage, double MeanWords, int Responses, int Claims, double? Unjudgeable = null);
