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

    /// <summary>
    /// <paramref name="text"/> up to the end of its <paramref name="maxWords"/>-th whitespace-separated word, with its line
    /// breaks and spacing kept (a whole prompt is cut this way, as the reference cuts its extraction prompt).
    /// </summary>
    public static string TruncateKeepingLayout(string text, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || (i > 0 && !char.IsWhiteSpace(text[i - 1]))) continue;
            if (++words > maxWords) return text[..i].TrimEnd();
        }
        return text;
    }
}
