using RlaifV.Stages.Ports;

namespace RlaifV.Evaluation.Tests;

/// <summary>A judge double: answers each prompt with <c>verdict(prompt)</c> and keeps every prompt it saw.</summary>
internal sealed class ScriptedJudge(Func<string, string> verdict) : ITextGenerator
{
    public List<string> Prompts { get; } = [];

    public string ModelId => "scripted-judge";

    public Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
    {
        Prompts.AddRange(batch.Select(r => r.Prompt));
        return Task.FromResult<IReadOnlyList<string>>(batch.Select(r => verdict(r.Prompt)).ToList());
    }
}
