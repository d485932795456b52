using RlaifV.Schemas;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Claim extraction with an LLM (method step 3): the response is cut to its first words, put into the
/// configured template with the question, and the LLM's bullet list is parsed by <see cref="ClaimListParser"/>.
/// </summary>
/// <param name="llm">The text generator.</param>
/// <param name="template">Prompt template with <c>{question}</c> and <c>{response}</c> placeholders.</param>
/// <param name="settings">Decoding settings (reference: temperature 0.2, top-p 0.9, 256 tokens).</param>
/// <param name="maxWords">Words of the response kept (reference: 300).</param>
public sealed class LlmClaimExtractor(ITextGenerator llm, string template, GenerationSettings settings, int maxWords) : IClaimExtractor
{
    /// <inheritdoc />
    public string ExtractorId => llm.ModelId;

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ExtractAsync(IReadOnlyList<ClaimRequest> batch, CancellationToken cancellationToken)
    {
        var requests = batch
            .Select(r => new TextGenerationRequest(
                template.Replace("{question}", r.Question, StringComparison.Ordinal)
                        .Replace("{response}", Words.Truncate(r.Response, maxWords), StringComparison.Ordinal),
                r.Seed))
            .ToList();
        TokenBudget.Check(llm, requests.Select(r => r.Prompt), settings.MaxNewTokens, DeadLetterReasons.PromptTooLong, "the claim extractor's prompt");
        var outputs = await llm.GenerateAsync(requests, settings, cancellationToken);
        ModelOutput.RequireCount(outputs.Count, batch.Count, llm.ModelId);
        return outputs.Select(ClaimListParser.Parse).ToList();
    }
}
