using System.Text.RegularExpressions;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Parses an LLM's bullet-list answer into claims (method step 3): drops empty lines and header lines,
/// strips the bullet or list number, trims, and drops exact duplicates while keeping order.
/// </summary>
public static partial class ClaimListParser
{
    /// <summary>The claims in <paramref name="output"/>, in order.</summary>
    public static IReadOnlyList<string> Parse(string output)
    {
        var claims = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || IsHeader(line)) continue;
            var claim = Bullet().Replace(line, string.Empty).Trim();
            if (claim.Length == 0 || IsHeader(claim)) continue;
            if (seen.Add(claim)) claims.Add(claim);
        }
        return claims;
    }

    /// <summary>A header: a markdown heading, a line ending in a colon, or a "claims"/"facts" caption.</summary>
    private static bool IsHeader(string line) =>
        line.StartsWith('#') || line.EndsWith(':') || Caption().IsMatch(line);

    [GeneratedRegex(@"^(?:[-*•·+]|\d{1,3}[.)]|\(\d{1,3}\))\s*")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?:\*\*)?(?:here (?:are|is)|the (?:atomic )?(?:claims|facts)|(?:atomic )?(?:claims|facts)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();
}
