using System.Text.RegularExpressions;
using RlaifV.Schemas;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Claim-to-question rewriting with an LLM (method step 4): the configured template asks for a yes/no question with the
/// same meaning (negation kept). Each claim's row is seeded with the claim's own seed (<see cref="QuestionRequest.Seed"/>,
/// from its identity, not its position in the batch). The question is the first line of the answer that is not a header
/// ("### Question") or a lead-in ("Here is the question:", "Sure! The rewritten question is:"), with any bullet, quotes or
/// "Question:" caption stripped and a question mark ensured.
/// </summary>
/// <param name="llm">The text generator.</param>
/// <param name="template">Prompt template with a <c>{claim}</c> placeholder.</param>
/// <param name="settings">Decoding settings.</param>
public sealed partial class LlmQuestionRewriter(ITextGenerator llm, string template, GenerationSettings settings) : IQuestionRewriter
{
    /// <inheritdoc />
    public string RewriterId => llm.ModelId;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RewriteAsync(IReadOnlyList<QuestionRequest> claims, CancellationToken cancellationToken)
    {
        var requests = claims.Select(c => new TextGenerationRequest(template.Replace("{claim}", c.Claim, StringComparison.Ordinal), c.Seed)).ToList();
        TokenBudget.Check(llm, requests.Select(r => r.Prompt), settings.MaxNewTokens, DeadLetterReasons.ClaimTooLong, "the rewriter's prompt for a claim");
        var outputs = await llm.GenerateAsync(requests, settings, cancellationToken);
        ModelOutput.RequireCount(outputs.Count, claims.Count, llm.ModelId);
        return outputs.Select((o, i) => Clean(o, claims[i].Claim)).ToList();
    }

    /// <summary>The question in an LLM answer; falls back to the rule-based rewrite when the answer holds none.</summary>
    public static string Clean(string output, string claim)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim().Trim('*').Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var lead = LeadIn().Match(line);
            if (lead.Success)
            {
                // "Here is the question: Is there a dog?" keeps what follows the colon; a lead-in alone is skipped.
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                line = colon >= 0 ? line[(colon + 1)..] : line[lead.Length..].TrimStart('!', ',', '.', ' ');
            }
            line = line.Trim().TrimStart('-', '*', '•', ' ').Trim().Trim('"', '*', '`', '\'').Trim();
            if (line.Length == 0 || line.EndsWith(':')) continue;
            return line.EndsWith('?') ? line : line.TrimEnd('.') + "?";
        }
        return RuleBasedQuestionRewriter.Rewrite(claim);
    }

    /// <summary>
    /// A lead-in: "Sure!", "Okay,", "Here is the question:", "Here's the rewritten question:", "Question:", "The polar question is:".
    /// </summary>
    [GeneratedRegex(@"^(?:(?:sure|okay|ok|certainly|of course)\b|here(?:'s| is| are)\b[^:?]*|(?:the )?(?:rewritten |polar |yes/no )?question(?: is)?\s*(?=:))", RegexOptions.IgnoreCase)]
    private static partial Regex LeadIn();
}
