namespace RlaifV.World;

/// <summary>
/// Reads the world's language: splits a response into claims the way the rule-based claim extractor does
/// (one claim per sentence; an existence list "There is a red circle, a blue square and a green star." gives
/// one claim per thing; questions are left out), and parses sentences and polar questions into
/// <see cref="Statement"/>s. Pure functions; unknown words make a sentence unparseable, never an exception.
/// </summary>
public static class WorldParser
{
    /// <summary>The claims of a response, as sentences ending with a full stop, in order, duplicates removed (as the extractor does).</summary>
    public static IReadOnlyList<string> SplitClaims(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var claims = new List<string>();
        var sentence = new List<string>();
        foreach (var token in Lexicon.Tokenize(response).Append("."))
        {
            if (token is "." or "!" or ";" or "?")
            {
                if (sentence.Count > 0 && token != "?") AddClaims(sentence, claims);
                sentence.Clear();
                continue;
            }
            sentence.Add(token);
        }
        return claims.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Parses one declarative sentence (final punctuation optional), or returns null.</summary>
    public static Statement? ParseSentence(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return ParseWords(Words(sentence));
    }

    /// <summary>
    /// Parses a polar question ("Is there a big red circle in the top left? Please answer yes or no.",
    /// "Is the big circle red?", "Are there no squares?", "Is it true that …?") into the statement it asks
    /// about, or returns null. Anything after the first question mark is ignored.
    /// </summary>
    public static Statement? ParseQuestion(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var mark = question.IndexOf('?', StringComparison.Ordinal);
        var w = Words(mark >= 0 ? question[..mark] : question);
        if (w.Count >= 4 && w[0] == "is" && w[1] == "it" && w[2] == "true" && w[3] == "that")
            return ParseWords(w.Skip(4).ToList());
        if (w.Count < 2 || w[0] is not ("is" or "are")) return null;
        if (w[1] == "there") return ParseExistence(w, 2);
        if (w[1] != "the") return null;
        if (w.Count == 4 && w[2] == "background") return Lexicon.TryBackground(w[3], out var bg) ? new BackgroundStatement(bg) : null;
        var i = 2;
        if (ParseNoun(w, ref i) is not { } noun) return null;
        var subject = noun.Pattern;
        var rest = w.Skip(i).ToList();
        // "Is the circle in the top left red?": a cell followed by more words belongs to the subject.
        if (subject.Cell is null && rest.Count > 2 && rest[0] == "in" && rest[1] == "the" && Lexicon.TryCell(rest, 2, out var cell) is var n && n > 0 && rest.Count > 2 + n)
        {
            subject = subject with { Cell = cell };
            rest = rest.Skip(2 + n).ToList();
        }
        return ParsePredicate(subject, rest);
    }

    private static List<string> Words(string text) => Lexicon.Tokenize(text).Where(t => char.IsLetter(t[0])).ToList();

    private static void AddClaims(List<string> sentence, List<string> claims)
    {
        var words = sentence.Where(t => t != ",").ToList();
        var isExistence = words.Count > 2 && words[0] == "there" && words[1] is "is" or "are" && !words.Contains("no");
        if (!isExistence)
        {
            claims.Add(Capitalise(string.Join(' ', words)) + ".");
            return;
        }
        var item = new List<string>();
        foreach (var token in sentence.Skip(2).Append(","))
        {
            if (token is "," or "and")
            {
                if (item.Count > 0)
                {
                    var verb = item[0] is "a" or "an" or "one" ? "is" : "are";
                    claims.Add($"There {verb} {string.Join(' ', item)}.");
                }
                item.Clear();
                continue;
            }
            item.Add(token);
        }
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static Statement? ParseWords(List<string> w)
    {
        if (w.Count < 3) return null;
        if (w[0] == "there" && w[1] is "is" or "are") return ParseExistence(w, 2);
        if (w[0] != "the") return null;
        if (w.Count == 4 && w[1] == "background" && w[2] == "is") return Lexicon.TryBackground(w[3], out var bg) ? new BackgroundStatement(bg) : null;
        var i = 1;
        if (ParseNoun(w, ref i) is not { } subject) return null;
        var pattern = subject.Pattern;
        if (i < w.Count && w[i] == "in")
        {
            if (i + 2 >= w.Count || w[i + 1] != "the") return null;
            var n = Lexicon.TryCell(w, i + 2, out var cell);
            if (n == 0) return null;
            pattern = pattern with { Cell = cell };
            i += 2 + n;
        }
        if (i >= w.Count || w[i] is not ("is" or "are")) return null;
        return ParsePredicate(pattern, w.Skip(i + 1).ToList());
    }

    private static PropertyStatement? ParsePredicate(ObjectPattern subject, List<string> rest)
    {
        if (rest.Count == 1 && Lexicon.TryColour(rest[0], out var colour)) return new PropertyStatement(subject, Colour: colour);
        if (rest.Count == 1 && Lexicon.TrySize(rest[0], out var size)) return new PropertyStatement(subject, Size: size);
        if (rest.Count >= 3 && rest[0] == "in" && rest[1] == "the" && Lexicon.TryCell(rest, 2, out var cell) == rest.Count - 2)
            return new PropertyStatement(subject, Cell: cell);
        return null;
    }

    private static ExistenceStatement? ParseExistence(List<string> w, int i)
    {
        if (i >= w.Count) return null;
        var q = w[i];
        Quantifier quantifier;
        var count = 1;
        if (q is "a" or "an") quantifier = Quantifier.Some;
        else if (q == "no") quantifier = Quantifier.None;
        else if (Lexicon.TryNumber(q, out count)) quantifier = Quantifier.Exactly;
        else return null;
        i++;
        if (ParseNoun(w, ref i) is not { } noun) return null;
        var pattern = noun.Pattern;
        if (i < w.Count)
        {
            if (w.Count < i + 3 || w[i] != "in" || w[i + 1] != "the") return null;
            if (Lexicon.TryCell(w, i + 2, out var cell) != w.Count - i - 2) return null;
            pattern = pattern with { Cell = cell };
        }
        return quantifier switch
        {
            Quantifier.None => ExistenceStatement.No(pattern, noun.Plural),
            Quantifier.Exactly => new ExistenceStatement(Quantifier.Exactly, count, pattern),
            _ => ExistenceStatement.Some(pattern),
        };
    }

    /// <summary>[size] [colour] (shape | "object"), singular or plural, starting at <paramref name="i"/>.</summary>
    private static (ObjectPattern Pattern, bool Plural)? ParseNoun(List<string> w, ref int i)
    {
        Size? size = null;
        Colour? colour = null;
        if (i < w.Count && Lexicon.TrySize(w[i], out var s))
        {
            size = s;
            i++;
        }
        if (i < w.Count && Lexicon.TryColour(w[i], out var c))
        {
            colour = c;
            i++;
        }
        if (i >= w.Count) return null;
        var head = w[i++];
        if (head is "object" or "objects") return (new ObjectPattern(size, colour), head == "objects");
        return Lexicon.TryShape(head, out var shape, out var plural) ? (new ObjectPattern(size, colour, shape), plural) : null;
    }
}
