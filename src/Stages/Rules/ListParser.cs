using System.Text.RegularExpressions;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Reads the list in an LLM's answer (method steps 3 and 4), as the reference's parser does and more tolerantly: empty
/// lines, headers (a markdown heading such as "### Facts:", a line ending in a colon, a "Here are …" or "Claims"/"Facts"/
/// "Questions" caption) and lead-in lines are skipped, and the bullet or list number ("-", "*", "•", "1.", "2)", "(3)") is
/// stripped. When any line carries a bullet or number, only such lines are items (a lead-in or closing sentence without
/// one is skipped); when none does, every remaining line is an item. A lead-in that carries an item after its colon on
/// the same line ("Sure! Here is the rewritten question: Is the cat black?") yields that item.
/// </summary>
public static partial class ListParser
{
    /// <summary>The list items of <paramref name="output"/>, in order, repeats kept.</summary>
    public static IReadOnlyList<string> Items(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bulleted = new List<string>();
        var plain = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = AfterLeadIn(raw.Trim());
            if (line.Length == 0 || IsHeader(line)) continue;
            var marker = Bullet().Match(line);
            var item = (marker.Success ? line[marker.Length..] : line).Trim().Trim('*').Trim();
            if (item.Length == 0 || IsHeader(item)) continue;
            (marker.Success ? bulleted : plain).Add(item);
        }
        return bulleted.Count > 0 ? bulleted : plain;
    }

    /// <summary>What follows the colon of a lead-in that carries its item on the same line ("Sure! The question is: Is it red?").</summary>
    private static string AfterLeadIn(string line)
    {
        if (!LeadIn().IsMatch(line.Trim('*').Trim())) return line;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon < line.Length - 1 ? line[(colon + 1)..].Trim() : line;
    }

    /// <summary>
    /// A header: a markdown heading, a line ending in a colon, a lead-in ("Here are …", "Sure! …"), or a caption naming the
    /// list ("Facts", "The modified sentences") that does not end like a sentence.
    /// </summary>
    public static bool IsHeader(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim().Trim('*').Trim();
        return text.Length == 0 || text.StartsWith('#') || text.EndsWith(':') || LeadIn().IsMatch(text)
            || (Caption().IsMatch(text) && !text.EndsWith('.') && !text.EndsWith('?'));
    }

    [GeneratedRegex(@"^(?:[-*•·+](?:\s+|(?=\S))|(?:\d{1,3}[.)]|\(\d{1,3}\))\s+)")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?:here(?:'s| are| is)\b|(?:sure|certainly|okay|ok|of course)\b[!,.])", RegexOptions.IgnoreCase)]
    private static partial Regex LeadIn();

    [GeneratedRegex(@"^(?:the )?(?:atomic |extracted |modified |general |polar |yes/no )?(?:claims|facts|questions|sentences)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();
}
