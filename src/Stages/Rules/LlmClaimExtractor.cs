using RlaifV.Schemas;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Claim extraction with an LLM (method step 3), structured as the reference's: the question and the whole response go
/// into the configured template, the filled prompt is cut to its first <c>claims.max_words</c> words as a whole (layout
/// kept), and the LLM's list is read by <see cref="ClaimListParser"/> (headers and lead-ins skipped, bullets stripped).
/// </summary>
/// <param name="llm">The text generator.</param>
/// <param name="template">Prompt template with <c>{question}</c> and <c>{response}</c> placeholders.</param>
/// <param name="settings">Decoding settings (reference: temperature 0.2, top-p 0.9, 256 tokens).</param>
/// <param name="maxWords">Words of the filled prompt kept (reference: 300).</param>
public sealed class LlmClaimExtractor(ITextGenerator llm, string template, GenerationSettings settings, int maxWords) : IClaimExtractor
{
    /// <inheritdoc />
    public string ExtractorId => llm.ModelId;

    /// <summary>The prompt for one (question, response): the template filled, then cut to the word budget.</summary>
    public string PromptFor(string question, string response) =>
        Words.TruncateKeepingLayout(
            template.Replace("{question}", question, StringComparison.Ordinal).Replace("{response}", response, StringComparison.Ordinal),
            maxWords);

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ExtractAsync(IReadOnlyList<ClaimRequest> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var requests = batch.Select(r => new TextGenerationRequest(PromptFor(r.Question, r.Response), r.Seed)).ToList();
        TokenBudget.Check(llm, requests.Select(r => r.Prompt), settings.MaxNewTokens, DeadLetterReasons.PromptTooLong, "the claim extractor's prompt");
        var outputs = await llm.GenerateAsync(requests, settings, cancellationToken);
        ModelOutput.RequireCount(outputs.Count, batch.Count, llm.ModelId);
        return outputs.Select(ClaimListParser.Parse).ToList();
    }
}
