using System.Text.RegularExpressions;

namespace RlaifV.Evaluation;

/// <summary>
/// Finds object mentions in text by rule, as CHAIR does: the text is lower-cased and split into words, each word made
/// singular, and the longest phrase of up to <see cref="MaxPhraseWords"/> words that names a vocabulary entry is taken
/// at each position (so "teddy bears" is one teddy bear, not a bear; "hot dog" is food). Every mention counts, repeats
/// included.
/// </summary>
public sealed partial class ObjectMentionExtractor
{
    /// <summary>The longest phrase looked up.</summary>
    public const int MaxPhraseWords = 3;

    private readonly Dictionary<string, string> phraseToObject = new(StringComparer.Ordinal);

    /// <summary>An extractor over <paramref name="vocabulary"/> (object → its words and phrases).</summary>
    public ObjectMentionExtractor(IReadOnlyDictionary<string, string[]> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        foreach (var (name, phrases) in vocabulary)
        {
            foreach (var phrase in phrases.Append(name))
            {
                phraseToObject.TryAdd(Normalize(phrase), name);
            }
        }
    }

    /// <summary>The COCO extractor (<see cref="CocoObjects"/>).</summary>
    public static ObjectMentionExtractor Coco { get; } = new(CocoObjects.Synonyms);

    /// <summary>Every object mentioned in <paramref name="text"/>, in order, repeats included.</summary>
    public IReadOnlyList<string> Mentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        var found = new List<string>();
        for (int i = 0; i < words.Count;)
        {
            int matched = 0;
            for (int n = Math.Min(MaxPhraseWords, words.Count - i); n >= 1 && matched == 0; n--)
            {
                if (phraseToObject.TryGetValue(string.Join(' ', words.Skip(i).Take(n)), out var name))
                {
                    found.Add(name);
                    matched = n;
                }
            }
            i += Math.Max(1, matched);
        }
        return found;
    }

    /// <summary>A phrase as the matcher sees it: lower case, singular words, single spaces.</summary>
    public static string Normalize(string phrase) => string.Join(' ', Words(phrase));

    private static List<string> Words(string text) => WordPattern().Matches(text.ToLowerInvariant()).Select(m => Singular.Of(m.Value)).ToList();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex WordPattern();
}
