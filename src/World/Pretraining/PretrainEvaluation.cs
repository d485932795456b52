using RlaifV.Models;
using RlaifV.Stages.Ports;

namespace RlaifV.World.Pretraining;

/// <summary>
/// Measurements of the world models through the pipeline's own adapters: the policy sampled with
/// <see cref="IPolicySampler"/>, the labeler probed with <see cref="IYesNoLabeler"/> (one softmax at the answer
/// position; a claim is accepted iff P(yes)+P(Yes) &gt; P(no)+P(No)); ground truth from the checker and the oracle.
/// </summary>
public static class PretrainEvaluation
{
    /// <summary>Responses of <paramref name="policy"/> to <paramref name="prompts"/> (row i seeded with <paramref name="seed"/> + i).</summary>
    public static async Task<IReadOnlyList<string>> SampleAsync(LlavaBackend policy, IReadOnlyList<WorldPrompt> prompts, GenerationSettings settings, long seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        var requests = prompts.Select((p, i) => new SamplingRequest(new ImageInput(p.Image.Sha256, p.Image.Png), p.Instruction, seed + i)).ToList();
        var sampled = await policy.CreatePolicySampler().SampleAsync(requests, settings, cancellationToken).ConfigureAwait(false);
        return sampled.Select(s => s.Text).ToList();
    }

    /// <summary>The claims of each response that parse and that the oracle can answer, with their scene and image.</summary>
    public static IReadOnlyList<(Scene Scene, RenderedImage Image, Statement Claim)> Claims(IReadOnlyList<WorldPrompt> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        var claims = new List<(Scene, RenderedImage, Statement)>();
        for (int i = 0; i < prompts.Count; i++)
        {
            foreach (var sentence in WorldParser.SplitClaims(responses[i]))
            {
                if (WorldParser.ParseSentence(sentence) is { } statement && YesNoOracle.Answer(prompts[i].Scene, PretrainCorpus.Question(statement)) is not null)
                {
                    claims.Add((prompts[i].Scene, prompts[i].Image, statement));
                }
            }
        }

        return claims;
    }

    /// <summary>Share of <paramref name="claims"/> on which <paramref name="labeler"/>'s verdict matches the oracle's answer.</summary>
    public static async Task<double> LabelerAgreementAsync(LlavaBackend labeler, IReadOnlyList<(Scene Scene, RenderedImage Image, Statement Claim)> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labeler);
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0)
        {
            return double.NaN;
        }

        var requests = claims.Select(c => new YesNoRequest(new ImageInput(c.Image.Sha256, c.Image.Png), PretrainCorpus.Question(c.Claim))).ToList();
        var probabilities = await labeler.CreateYesNoLabeler().ProbeAsync(requests, cancellationToken).ConfigureAwait(false);
        int agree = 0;
        for (int i = 0; i < claims.Count; i++)
        {
            bool truth = YesNoOracle.Answer(claims[i].Scene, requests[i].Question) == true;
            bool accepted = probabilities[i].PYes > probabilities[i].PNo;
            agree += accepted == truth ? 1 : 0;
        }

        return (double)agree / claims.Count;
    }
}
