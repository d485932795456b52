namespace RlaifV.Evaluation;

/// <summary>English plural nouns to their singular, by rule (with the irregular plurals object names need).</summary>
public static class Singular
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["people"] = "person", ["men"] = "man", ["women"] = "woman", ["children"] = "child", ["mice"] = "mouse", ["geese"] = "goose",
        ["feet"] = "foot", ["teeth"] = "tooth", ["knives"] = "knife", ["leaves"] = "leaf", ["shelves"] = "shelf", ["wolves"] = "wolf",
        ["calves"] = "calf", ["loaves"] = "loaf", ["buses"] = "bus", ["glasses"] = "glass", ["oxen"] = "ox", ["dice"] = "die",
        ["series"] = "series", ["species"] = "species", ["sheep"] = "sheep", ["fish"] = "fish", ["deer"] = "deer", ["cattle"] = "cattle",
        ["skis"] = "ski", ["tomatoes"] = "tomato", ["potatoes"] = "potato", ["benches"] = "bench", ["couches"] = "couch",
    };

    /// <summary>The singular of the lower-case word <paramref name="word"/> (unchanged when it is not a plural).</summary>
    public static string Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Irregular.TryGetValue(word, out var irregular)) return irregular;
        if (word.Length <= 3) return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4) return word[..^3] + "y";
        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("zes", StringComparison.Ordinal)) return word[..^2];
        if (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal)) return word;
        return word.EndsWith('s') ? word[..^1] : word;
    }
}
