namespace RlaifV.World;

/// <summary>
/// The world's language: a fixed vocabulary of 55 words plus the punctuation tokens ".", "?" and ",", the
/// words for every shape, colour, size, cell and background, and a tokenizer that splits text into those
/// tokens. Everything the world says, asks or answers uses only these tokens.
/// </summary>
public static class Lexicon
{
    private static readonly string[] ColourWords = ["red", "green", "blue", "yellow", "purple", "orange"];
    private static readonly string[] ShapeWords = ["circle", "square", "triangle", "star"];
    private static readonly string[] ShapePlurals = ["circles", "squares", "triangles", "stars"];
    private static readonly string[] SizeWords = ["small", "big"];
    private static readonly string[] BackgroundWords = ["white", "gray", "black"];
    private static readonly string[] RowWords = ["top", "middle", "bottom"];
    private static readonly string[] ColumnWords = ["left", "middle", "right"];
    private static readonly string[] NumberWords = ["no", "one", "two", "three", "four", "five", "six"];

    /// <summary>The center cell's name (the middle row's middle column).</summary>
    public const string Center = "center";

    /// <summary>The words, in a fixed order: structure, numbers, sizes, colours, shapes, positions, backgrounds, instructions.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        "there", "is", "are", "a", "an", "no", "the", "in", "object", "objects", "background",
        "one", "two", "three", "four", "five", "six",
        .. SizeWords, .. ColourWords, .. ShapeWords, .. ShapePlurals,
        "top", "middle", "bottom", "left", "right", Center,
        .. BackgroundWords,
        "describe", "this", "image", "detail", "what", "color", "how", "many", "where", "please", "answer", "yes", "or",
    ];

    /// <summary>The punctuation tokens.</summary>
    public static IReadOnlyList<string> Punctuation { get; } = [".", "?", ","];

    /// <summary>The largest count a number word expresses.</summary>
    public static int MaxNumber => NumberWords.Length - 1;

    /// <summary>Whether <paramref name="token"/> (lower case) is a word or punctuation token of the language.</summary>
    public static bool IsToken(string token) => Words.Contains(token) || Punctuation.Contains(token);

    /// <summary>
    /// Splits text into lower-case tokens: runs of letters are words, and each of ".", "?", ",", "!", ";"
    /// is its own token; everything else separates tokens. Tokens outside the language are kept as they are.
    /// </summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetter(c) || (start >= 0 && (char.IsDigit(c) || c == '\'')))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
            if (c is '.' or '?' or ',' or '!' or ';') tokens.Add(c.ToString());
        }
        return tokens;
    }

    /// <summary>"red", "orange", …</summary>
    public static string Word(Colour colour) => ColourWords[(int)colour];

    /// <summary>"circle" or, plural, "circles".</summary>
    public static string Word(Shape shape, bool plural = false) => (plural ? ShapePlurals : ShapeWords)[(int)shape];

    /// <summary>"small" or "big".</summary>
    public static string Word(Size size) => SizeWords[(int)size];

    /// <summary>"white", "gray" or "black".</summary>
    public static string Word(Background background) => BackgroundWords[(int)background];

    /// <summary>"no", "one", …, "six" for 0 … 6; digits beyond.</summary>
    public static string Number(int n) => n >= 0 && n < NumberWords.Length ? NumberWords[n] : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"top left", "top middle", …, "center", …, "bottom right".</summary>
    public static string CellName(Cell cell) =>
        cell is { Row: 1, Column: 1 } ? Center : $"{RowWords[cell.Row]} {ColumnWords[cell.Column]}";

    /// <summary>The indefinite article for a noun phrase: "an" before a vowel sound ("an orange star"), else "a".</summary>
    public static string Article(string nounPhrase) =>
        nounPhrase.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(nounPhrase[0]), StringComparison.Ordinal) ? "an" : "a";

    /// <summary>Reads a colour word.</summary>
    public static bool TryColour(string word, out Colour colour) => TryIndex(ColourWords, word, out colour);

    /// <summary>Reads a size word.</summary>
    public static bool TrySize(string word, out Size size) => TryIndex(SizeWords, word, out size);

    /// <summary>Reads a background word.</summary>
    public static bool TryBackground(string word, out Background background) => TryIndex(BackgroundWords, word, out background);

    /// <summary>Reads a shape word, singular or plural.</summary>
    public static bool TryShape(string word, out Shape shape, out bool plural)
    {
        plural = false;
        if (TryIndex(ShapeWords, word, out shape)) return true;
        plural = true;
        return TryIndex(ShapePlurals, word, out shape);
    }

    /// <summary>Reads a number word "one" … "six" (and "no" as 0).</summary>
    public static bool TryNumber(string word, out int n)
    {
        n = Array.IndexOf(NumberWords, word);
        return n >= 0;
    }

    /// <summary>Reads a cell name from one ("center") or two ("top left") words starting at <paramref name="at"/>.</summary>
    /// <returns>The number of words read, or 0.</returns>
    public static int TryCell(IReadOnlyList<string> words, int at, out Cell cell)
    {
        cell = default;
        if (at >= words.Count) return 0;
        if (words[at] == Center)
        {
            cell = new Cell(1, 1);
            return 1;
        }
        if (at + 1 >= words.Count) return 0;
        var row = Array.IndexOf(RowWords, words[at]);
        var column = Array.IndexOf(ColumnWords, words[at + 1]);
        if (row < 0 || column < 0 || (row == 1 && column == 1)) return 0;
        cell = new Cell(row, column);
        return 2;
    }

    private static bool TryIndex<T>(string[] words, string word, out T value) where T : struct, Enum
    {
        var i = Array.IndexOf(words, word);
        value = i >= 0 ? (T)(object)i : default;
        return i >= 0;
    }
}
