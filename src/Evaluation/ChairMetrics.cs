namespace RlaifV.Evaluation;

/// <summary>Object HalBench's figures (CHAIR), every share a fraction 0–1.</summary>
/// <param name="Responses">Responses scored.</param>
/// <param name="HallucinatedResponses">Responses that mention at least one object not in the image.</param>
/// <param name="Mentions">Object mentions, all responses together (repeats included).</param>
/// <param name="HallucinatedMentions">Mentions of objects not in the image.</param>
/// <param name="TruthObjects">Distinct objects in the images' ground truth, summed over responses.</param>
/// <param name="CoveredObjects">Of those, the ones the response mentions.</param>
public sealed record ChairMetrics(int Responses, int HallucinatedResponses, int Mentions, int HallucinatedMentions, int TruthObjects, int CoveredObjects)
{
    /// <summary>CHAIR_s: responses with a hallucinated object ÷ responses.</summary>
    public double ChairS => Responses == 0 ? 0 : (double)HallucinatedResponses / Responses;

    /// <summary>CHAIR_i: hallucinated mentions ÷ mentions.</summary>
    public double ChairI => Mentions == 0 ? 0 : (double)HallucinatedMentions / Mentions;

    /// <summary>Object recall: ground-truth objects mentioned ÷ ground-truth objects.</summary>
    public double Recall => TruthObjects == 0 ? 0 : (double)CoveredObjects / TruthObjects;
}
