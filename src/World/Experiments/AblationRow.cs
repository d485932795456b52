namespace RlaifV.World.Experiments;

/// <summary>One row of the ablation table.</summary>
/// <param name="Method">The variant.</param>
/// <param name="Feedback">Its feedback.</param>
/// <param name="Pairs">Pairs trained on over its rounds.</param>
/// <param name="ResponseHallucination">Its final policy's share of held-out responses with a false claim.</param>
/// <param name="ClaimHallucination">False claims ÷ claims.</param>
/// <param name="Coverage">True objects mentioned ÷ objects present.</param>
/// <param name="MeanWords">Mean response length in words.</param>
public sealed record AblationRow(string Method, string Feedback, long Pairs, double? ResponseHallucination, double? ClaimHallucination, double? Coverage, double? MeanWords);
