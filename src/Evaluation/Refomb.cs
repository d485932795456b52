using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RlaifV.Stages.Ports;

namespace RlaifV.Evaluation;

/// <summary>
/// A RefoMB-style pairwise comparison. Items are JSON lines (<c>id</c>, <c>question</c>, the image as base64
/// <c>image</c> or an <c>image_path</c> relative to the file, and <c>reference</c>: an accurate description of the image);
/// RefoMB's own files are not published in a form RlaifV could read, so this is its design over RlaifV's layout. A judge
/// sees the reference, the question and both answers and names the more trustworthy and the more helpful (A, B or tie).
/// To cancel a judge's position bias, every other item (by a seeded draw per item) shows the answers swapped, and the
/// verdict is mapped back.
/// </summary>
public sealed partial class Refomb
{
    private readonly Dictionary<string, (string Question, string Reference)> entries;

    private Refomb(IReadOnlyList<BenchmarkItem> items, Dictionary<string, (string, string)> entries)
    {
        Items = items;
        this.entries = entries;
    }

    /// <summary>The prompts.</summary>
    public IReadOnlyList<BenchmarkItem> Items { get; }

    /// <summary>Reads the items file.</summary>
    public static Refomb Load(string file)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var items = new List<BenchmarkItem>();
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        int line = 0;
        foreach (var text in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            using var doc = Json.Parse(text, file, line);
            var e = doc.RootElement;
            string id = Json.Id(e, "id", file, line);
            byte[] bytes = e.TryGetProperty("image", out _) ? Json.Base64(e, "image", file, line) : File.ReadAllBytes(Path.Combine(folder, Json.Text(e, "image_path", file, line)));
            string question = Json.Text(e, "question", file, line);
            entries[id] = (question, Json.Text(e, "reference", file, line));
            items.Add(new BenchmarkItem(id, new ImageInput(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes), question));
        }
        return new Refomb(items, entries);
    }

    /// <summary>Items from memory (tests and callers with their own reader): id → (question, reference).</summary>
    public static Refomb Of(IReadOnlyDictionary<string, (string Question, string Reference)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new Refomb([], entries.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>Whether item <paramref name="id"/> is shown with the answers swapped (a draw from <paramref name="seed"/> and the id).</summary>
    public static bool Swapped(string id, long seed)
    {
        ArgumentNullException.ThrowIfNull(id);
        var digest = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}/{id}"));
        return (digest[0] & 1) == 1;
    }

    /// <summary>Judges A's responses against B's, item by item (ids both have); A's win rates.</summary>
    public async Task<RefombMetrics> JudgeAsync(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b, ITextGenerator judge, JudgeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(options);
        var ids = entries.Keys.Where(id => a.ContainsKey(id) && b.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var verdicts = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new GenerationSettings { Temperature = 0, MaxNewTokens = options.MaxNewTokens };
        foreach (var batch in ids.Chunk(Math.Max(1, options.BatchSize)))
        {
            var prompts = batch.Select(id =>
            {
                bool swap = Swapped(id, options.Seed);
                var (question, reference) = entries[id];
                return new TextGenerationRequest(options.RefombTemplate
                    .Replace("{reference}", reference, StringComparison.Ordinal)
                    .Replace("{question}", question, StringComparison.Ordinal)
                    .Replace("{response_a}", swap ? b[id] : a[id], StringComparison.Ordinal)
                    .Replace("{response_b}", swap ? a[id] : b[id], StringComparison.Ordinal), options.Seed);
            }).ToList();
            var outputs = await judge.GenerateAsync(prompts, settings, cancellationToken).ConfigureAwait(false);
            for (int k = 0; k < batch.Length; k++) verdicts[batch[k]] = outputs[k];
        }
        return Score(verdicts, options.Seed);
    }

    /// <summary>A's win rates from the verdicts (item id → verdict text, in the order shown: swapped items map back).</summary>
    public static RefombMetrics Score(IReadOnlyDictionary<string, string> verdicts, long seed)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        int[] trust = new int[3], help = new int[3]; // wins, ties, losses for A
        var unparsed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (id, verdict) in verdicts)
        {
            bool swap = Swapped(id, seed);
            Count(Winner(verdict, "trustworthiness"), swap, trust, id, unparsed);
            Count(Winner(verdict, "helpfulness"), swap, help, id, unparsed);
        }
        return new RefombMetrics(verdicts.Count, new WinRate(trust[0], trust[1], trust[2]), new WinRate(help[0], help[1], help[2]), unparsed.ToList());
    }

    /// <summary>The last "NAME: A|B|tie" of a verdict ('A', 'B', 'T'), or null.</summary>
    public static char? Winner(string verdict, string dimension)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var matches = VerdictPattern().Matches(verdict).Where(m => m.Groups[1].Value.Equals(dimension, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0) return null;
        var w = matches[^1].Groups[2].Value.ToUpperInvariant();
        return w == "TIE" ? 'T' : w[0];
    }

    private static void Count(char? winner, bool swap, int[] tally, string id, SortedSet<string> unparsed)
    {
        switch (winner)
        {
            case null:
                unparsed.Add(id);
                break;
            case 'T':
                tally[1]++;
                break;
            default:
                bool aWins = (winner == 'A') != swap;
                tally[aWins ? 0 : 2]++;
                break;
        }
    }

    [GeneratedRegex(@"(trustworthiness|helpfulness)\s*[:=]\s*\**\s*(A|B|tie)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VerdictPattern();
}
