using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Claim-to-question rewriting with an LLM (method step 4): the configured template asks for a yes/no
/// question with the same meaning (negation kept); the first non-empty line of the answer is taken, any
/// bullet or "Question:" caption stripped, and a question mark ensured.
/// </summary>
/// <param name="llm">The text generator.</param>
/// <param name="template">Prompt template with a <c>{claim}</c> placeholder.</param>
/// <param name="settings">Decoding settings.</param>
/// <param name="seed">Base seed (each claim's row gets <c>seed + i</c> within a call).</param>
public sealed class LlmQuestionRewriter(ITextGenerator llm, string template, GenerationSettings settings, long seed) : IQuestionRewriter
{
    /// <inheritdoc />
    public string RewriterId => llm.ModelId;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RewriteAsync(IReadOnlyList<string> claims, CancellationToken cancellationToken)
    {
        var requests = claims.Select((c, i) => new TextGenerationRequest(template.Replace("{claim}", c, StringComparison.Ordinal), seed + i)).ToList();
        var outputs = await llm.GenerateAsync(requests, settings, cancellationToken);
        ModelOutput.RequireCount(outputs.Count, claims.Count, llm.ModelId);
        return outputs.Select((o, i) => Clean(o, claims[i])).ToList();
    }

    /// <summary>The question in an LLM answer; falls back to the rule-based rewrite when the answer is empty.</summary>
    public static string Clean(string output, string claim)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (line is null) return RuleBasedQuestionRewriter.Rewrite(claim);
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && colon < 20 && line[..colon].Contains("question", StringComparison.OrdinalIgnoreCase)) line = line[(colon + 1)..].Trim();
        line = line.TrimStart('-', '*', '•', ' ').Trim().Trim('"');
        return line.EndsWith('?') ? line : line.TrimEnd('.') + "?";
    }
}
