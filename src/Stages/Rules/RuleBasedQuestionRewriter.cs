using System.Text.RegularExpressions;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Turns simple declarative claims into polar questions with the same meaning, keeping negation:
/// "There is no dog." → "Is there no dog?", "There are two cats." → "Are there two cats?",
/// "The circle is red." → "Is the circle red?", "The cats are asleep." → "Are the cats asleep?";
/// anything else becomes "Is it true that …?". The stage appends the answer-format suffix.
/// </summary>
public sealed partial class RuleBasedQuestionRewriter : IQuestionRewriter
{
    /// <inheritdoc />
    public string RewriterId => "rules";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RewriteAsync(IReadOnlyList<QuestionRequest> claims, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> result = claims.Select(c => Rewrite(c.Claim)).ToList();
        return Task.FromResult(result);
    }

    /// <summary>The polar question for one claim (without the suffix).</summary>
    public static string Rewrite(string claim)
    {
        var c = claim.Trim().TrimEnd('.', '!').Trim();
        var m = Copula().Match(c);
        if (m.Success)
        {
            var subject = Decapitalize(m.Groups["subject"].Value);
            var verb = m.Groups["verb"].Value.ToLowerInvariant();
            return $"{char.ToUpperInvariant(verb[0])}{verb[1..]} {subject} {m.Groups["rest"].Value}?";
        }
        return $"Is it true that {Decapitalize(c)}?";
    }

    private static string Decapitalize(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    [GeneratedRegex(@"^(?<subject>there|it|(?:the|this|that|these|those|a|an|one|two|three|four|five|six|all|both|each)\b[^,]*?)\s+(?<verb>is|are|was|were)\s+(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Copula();
}
