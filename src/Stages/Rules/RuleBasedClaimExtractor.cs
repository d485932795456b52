using System.Text.RegularExpressions;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>
/// A claim extractor for simple declarative text, without a model: splits sentences, splits an enumeration
/// of things that exist ("There is a red circle, a blue square and a green star.") into one claim per
/// thing, and leaves out questions and opinions ("I think", "beautiful", ...). Use the LLM extractor for
/// free-form prose.
/// </summary>
public sealed partial class RuleBasedClaimExtractor : IClaimExtractor
{
    /// <inheritdoc />
    public string ExtractorId => "rules";

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyList<string>>> ExtractAsync(IReadOnlyList<ClaimRequest> batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<IReadOnlyList<string>> result = batch.Select(r => Extract(r.Response)).ToList();
        return Task.FromResult(result);
    }

    /// <summary>The claims of one response.</summary>
    public static IReadOnlyList<string> Extract(string response)
    {
        var claims = new List<string>();
        foreach (var sentence in Sentence().Split(response))
        {
            var s = sentence.Trim().TrimEnd('.', '!', ';').Trim();
            if (s.Length == 0 || s.EndsWith('?') || Opinion().IsMatch(s)) continue;
            var existential = Existential().Match(s);
            if (existential.Success && !s.Contains(" no ", StringComparison.OrdinalIgnoreCase))
            {
                var lead = existential.Groups[1].Value;
                foreach (var item in ListSeparator().Split(existential.Groups[2].Value))
                {
                    var thing = item.Trim();
                    if (thing.Length == 0) continue;
                    claims.Add($"{Capitalize(lead)} {ExistentialVerb(thing)} {thing}.");
                }
                continue;
            }
            claims.Add(Capitalize(s) + ".");
        }
        return claims.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string ExistentialVerb(string thing) =>
        thing.StartsWith("a ", StringComparison.OrdinalIgnoreCase) || thing.StartsWith("an ", StringComparison.OrdinalIgnoreCase)
        || thing.StartsWith("one ", StringComparison.OrdinalIgnoreCase) ? "is" : "are";

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    [GeneratedRegex(@"(?<=[.!?;])\s+|\n+")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"^(there|in the image there|in this image there)\s+(?:is|are)\s+(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Existential();

    [GeneratedRegex(@",\s*(?:and\s+)?|\s+and\s+")]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"^(?:i think|i believe|in my opinion|it seems|overall|this (?:is )?(?:a )?(?:beautiful|lovely|nice|great)|the image is (?:beautiful|lovely|nice|great|interesting))", RegexOptions.IgnoreCase)]
    private static partial Regex Opinion();
}
