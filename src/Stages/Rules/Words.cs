namespace RlaifV.Stages.Rules;

/// <summary>Whitespace word counting and truncation, as the method measures lengths.</summary>
public static class Words
{
    /// <summary>Number of whitespace-separated words.</summary>
    public static int Count(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The first <paramref name="maxWords"/> words of <paramref name="text"/>, joined by single spaces.</summary>
    public static string Truncate(string text, int maxWords)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= maxWords ? text.Trim() : string.Join(' ', words.Take(maxWords));
    }
}
