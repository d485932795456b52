namespace RlaifV.World.Pretraining;

/// <summary>
/// What <c>rlaifv world pretrain</c> measured on the held-out description prompts: the policy's greedy
/// hallucination, coverage and length (the checker's figures), and the labeler's agreement with ground truth on the
/// claims the policy made there.
/// </summary>
/// <param name="Seed">The seed.</param>
/// <param name="PolicyParameters">Distinct parameters of each model (a tied head counted once).</param>
/// <param name="VocabularySize">Tokenizer vocabulary, special tokens included.</param>
/// <param name="Policy">The policy's held-out metrics (greedy decoding).</param>
/// <param name="LabelerAgreement">Share of the policy's held-out claims on which the labeler's verdict (P(yes)+P(Yes) &gt; P(no)+P(No)) matches the truth.</param>
/// <param name="LabelerQuestions">Number of claims that agreement was measured on.</param>
/// <param name="PolicyFinalLoss">Mean loss of the policy phase's last steps.</param>
/// <param name="LabelerFinalLoss">Mean loss of the labeler phase's last steps (NaN when it had none).</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record PretrainReport(
    ulong Seed,
    long PolicyParameters,
    int VocabularySize,
    HallucinationMetrics Policy,
    double LabelerAgreement,
    int LabelerQuestions,
    double PolicyFinalLoss,
    double LabelerFinalLoss,
    double Seconds);
