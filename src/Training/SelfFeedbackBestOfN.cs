using RlaifV.Models;
using RlaifV.Stages.Ports;

namespace RlaifV.Training;

/// <summary>
/// Self-feedback best-of-N (method, "inference-time scaling"): a policy samples N candidates per prompt, and each is
/// scored with the reward of a DPO-aligned model against its reference (<see cref="SelfFeedbackScorer"/>); the best
/// is the highest-rewarded one that is not blank (a blank answer makes no claim, so it would win on hallucination by
/// saying nothing). Each model is loaded only while it is used: the sampler first, then the aligned model and its
/// reference. Serves <c>rlaifv bon</c> and the world's best-of-N ablation.
/// </summary>
/// <param name="policy">The sampling policy.</param>
/// <param name="aligned">The DPO-trained model whose reward ranks the candidates.</param>
/// <param name="reference">The aligned model's reference.</param>
/// <param name="beta">β of that training (applied once).</param>
public sealed class SelfFeedbackBestOfN(BackendOptions policy, BackendOptions aligned, BackendOptions reference, double beta)
{
    /// <summary>Samples every prompt's candidates (one seed each) in one call of the policy; per prompt, in seed order.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> SampleAsync(IReadOnlyList<BestOfNPrompt> prompts, GenerationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var requests = prompts.SelectMany(p => p.Seeds.Select(seed => new SamplingRequest(p.Image, p.Instruction, seed))).ToList();
        IReadOnlyList<SampledText> samples;
        using (var sampler = LlavaBackend.Load(policy))
        {
            samples = await sampler.CreatePolicySampler().SampleAsync(requests, settings, cancellationToken);
        }
        var texts = new List<IReadOnlyList<string>>(prompts.Count);
        int next = 0;
        foreach (var p in prompts)
        {
            texts.Add(samples.Skip(next).Take(p.Seeds.Count).Select(s => s.Text).ToList());
            next += p.Seeds.Count;
        }
        return texts;
    }

    /// <summary>Scores each prompt's <paramref name="candidates"/> (from <see cref="SampleAsync"/>) and picks the best.</summary>
    public async Task<IReadOnlyList<BestOfNChoice>> RankAsync(IReadOnlyList<BestOfNPrompt> prompts, IReadOnlyList<IReadOnlyList<string>> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(candidates);
        using var alignedModel = LlavaBackend.Load(aligned);
        using var referenceModel = LlavaBackend.Load(reference);
        var scorer = new SelfFeedbackScorer(alignedModel.CreateLogProbScorer(), referenceModel.CreateLogProbScorer(), beta);
        var choices = new List<BestOfNChoice>(prompts.Count);
        for (int i = 0; i < prompts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var texts = candidates[i];
            var rewards = await scorer.ScoreAsync(texts.Select(t => new LogProbRequest(prompts[i].Image, prompts[i].Instruction, t)).ToList(), cancellationToken);
            var answers = rewards.Select((r, k) => string.IsNullOrWhiteSpace(texts[k]) ? double.NaN : r).ToList();
            choices.Add(new BestOfNChoice(texts, rewards, answers.Any(r => !double.IsNaN(r)) ? BestOfN.Select(answers) : 0));
        }
        return choices;
    }
}
