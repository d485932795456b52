using System.Globalization;
using RlaifV.Schemas;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Claim-to-question rewriting with an LLM (method step 4), structured as the reference's: all claims of one response go
/// into the configured template in one call (<c>{claims}</c> becomes one "- claim" line per claim) and the LLM's list is
/// zipped back to the claims. Headers ("### Questions:"), lead-ins and empty lines are skipped and bullets or numbers
/// stripped (<see cref="ListParser"/>); each question keeps one question mark. A list whose length differs from the
/// claims' is this response's error (<see cref="InputRejectedException"/>), never a silent misalignment. Each call's seed
/// is the request's, which the stage derives from the response's id.
/// </summary>
/// <param name="llm">The text generator.</param>
/// <param name="template">Prompt template with a <c>{claims}</c> placeholder.</param>
/// <param name="settings">Decoding settings (reference: temperature 0.2, top-p 0.9, 256 tokens).</param>
public sealed class LlmQuestionRewriter(ITextGenerator llm, string template, GenerationSettings settings) : IQuestionRewriter
{
    /// <inheritdoc />
    public string RewriterId => llm.ModelId;

    /// <summary>The prompt for one response's claims.</summary>
    public string PromptFor(IReadOnlyList<string> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var list = string.Join('\n', claims.Select(c => "- " + c.Trim()));
        return template.Replace("{claims}", list, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyList<string>>> RewriteAsync(IReadOnlyList<RewriteRequest> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var asked = batch.Select((r, i) => (r, i)).Where(x => x.r.Claims.Count > 0).ToList();
        var requests = asked.Select(x => new TextGenerationRequest(PromptFor(x.r.Claims), x.r.Seed)).ToList();
        TokenBudget.Check(llm, requests.Select(r => r.Prompt), settings.MaxNewTokens, DeadLetterReasons.ClaimTooLong, "the rewriter's prompt for a response's claims");
        var outputs = requests.Count == 0 ? [] : await llm.GenerateAsync(requests, settings, cancellationToken);
        ModelOutput.RequireCount(outputs.Count, asked.Count, llm.ModelId);
        var result = new IReadOnlyList<string>[batch.Count];
        for (var i = 0; i < batch.Count; i++) result[i] = [];
        for (var k = 0; k < asked.Count; k++) result[asked[k].i] = Zip(outputs[k], asked[k].r.Claims, llm.ModelId);
        return result;
    }

    /// <summary>The questions in <paramref name="output"/>, one per claim in order; throws when the list does not match.</summary>
    public static IReadOnlyList<string> Zip(string output, IReadOnlyList<string> claims, string modelId)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var questions = ListParser.Items(output ?? string.Empty).Select(AsQuestion).ToList();
        if (questions.Count != claims.Count)
            throw new InputRejectedException(DeadLetterReasons.BadModelOutput, string.Create(CultureInfo.InvariantCulture,
                $"rewriter '{modelId}' returned {questions.Count} questions for {claims.Count} claims; the list cannot be matched to the claims"));
        return questions;
    }

    /// <summary>One list item as a question: a "Question:" caption and quotes removed, one trailing question mark.</summary>
    public static string AsQuestion(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var line = item.Trim();
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && colon < 20 && line[..colon].Contains("question", StringComparison.OrdinalIgnoreCase)) line = line[(colon + 1)..].Trim();
        line = line.Trim().Trim('"', '*', '`').Trim();
        return line.EndsWith('?') ? line : line.TrimEnd('.', '!', ' ') + "?";
    }
}
