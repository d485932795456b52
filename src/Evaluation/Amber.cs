using System.Security.Cryptography;
using RlaifV.Stages.Ports;

namespace RlaifV.Evaluation;

/// <summary>
/// AMBER over its published files in one folder (the AMBER repository's <c>data/</c> with the images beside it):
/// <c>annotations.json</c> (per id: <c>type</c> generative with <c>truth</c> and <c>hallu</c> object lists, or a
/// discriminative type with <c>truth</c> yes/no), <c>relation.json</c> (object → associated words: the noun vocabulary),
/// <c>safe_words.txt</c>, a query file (<c>query/query_all.json</c> by default: <c>id</c>, <c>image</c>, <c>query</c>) and
/// the images (<c>image/AMBER_N.jpg</c>). Nouns are found by rule: words made singular and kept when the vocabulary has
/// them (AMBER itself tags parts of speech with nltk and also accepts near-synonyms by spaCy word vectors, which RlaifV
/// does not have: only exact vocabulary words and the association lists count). A yes/no response is read from its first
/// word, case-insensitively (AMBER compares the exact strings "Yes" and "No").
/// </summary>
public sealed class Amber
{
    private static readonly string[] ImageFolders = ["image", "images"];
    private readonly Dictionary<string, AmberAnnotation> annotations;
    private readonly IReadOnlyDictionary<string, string[]> relation;
    private readonly HashSet<string> safeWords;
    private readonly ObjectMentionExtractor nouns;

    private Amber(IReadOnlyList<BenchmarkItem> items, Dictionary<string, AmberAnnotation> annotations, IReadOnlyDictionary<string, string[]> relation, HashSet<string> safeWords)
    {
        Items = items;
        this.annotations = annotations;
        this.relation = relation;
        this.safeWords = safeWords;
        var vocabulary = relation.Keys.Concat(relation.Values.SelectMany(v => v))
            .Concat(annotations.Values.SelectMany(a => a.Truth.Concat(a.Hallu)))
            .Select(ObjectMentionExtractor.Normalize).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)
            .ToDictionary(w => w, w => new[] { w }, StringComparer.Ordinal);
        nouns = new ObjectMentionExtractor(vocabulary);
    }

    /// <summary>The prompts of the query file.</summary>
    public IReadOnlyList<BenchmarkItem> Items { get; }

    /// <summary>Reads AMBER's folder; <paramref name="queryFile"/> defaults to <c>query/query_all.json</c>.</summary>
    public static Amber Load(string folder, string? queryFile = null)
    {
        string annotationsFile = Path.Combine(folder, "annotations.json");
        var annotations = new Dictionary<string, AmberAnnotation>(StringComparer.Ordinal);
        using (var doc = Json.ParseFile(annotationsFile))
        {
            int at = 0;
            foreach (var a in doc.RootElement.EnumerateArray())
            {
                at++;
                string id = Json.Id(a, "id", annotationsFile, at);
                string type = Json.Text(a, "type", annotationsFile, at);
                annotations[id] = type == "generative"
                    ? new AmberAnnotation(true, Json.Strings(a, "truth", annotationsFile, at).Select(ObjectMentionExtractor.Normalize).ToList(), Json.Strings(a, "hallu", annotationsFile, at).Select(ObjectMentionExtractor.Normalize).ToList())
                    : new AmberAnnotation(false, [Json.Text(a, "truth", annotationsFile, at).Trim().ToLowerInvariant()], []);
            }
        }
        var relation = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string relationFile = Path.Combine(folder, "relation.json");
        using (var doc = Json.ParseFile(relationFile))
        {
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                relation[ObjectMentionExtractor.Normalize(p.Name)] = p.Value.EnumerateArray().Select(v => ObjectMentionExtractor.Normalize(v.GetString() ?? string.Empty)).ToArray();
            }
        }
        string safeFile = Path.Combine(folder, "safe_words.txt");
        var safe = File.Exists(safeFile)
            ? File.ReadAllLines(safeFile).Select(ObjectMentionExtractor.Normalize).Where(w => w.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
        queryFile ??= (File.Exists(Path.Combine(folder, "query", "query_all.json")) ? Path.Combine(folder, "query", "query_all.json") : File.Exists(Path.Combine(folder, "query_all.json")) ? Path.Combine(folder, "query_all.json") : null)
            ?? throw new FileNotFoundException($"{folder} holds no query/query_all.json (AMBER's query file)");
        string images = ImageFolders.Select(d => Path.Combine(folder, d)).FirstOrDefault(Directory.Exists) ?? folder;
        var items = new List<BenchmarkItem>();
        using (var doc = Json.ParseFile(queryFile))
        {
            int at = 0;
            foreach (var q in doc.RootElement.EnumerateArray())
            {
                at++;
                string id = Json.Id(q, "id", queryFile, at);
                if (!annotations.ContainsKey(id)) throw new InvalidDataException($"{queryFile}: item {at} has id {id}, which annotations.json does not annotate");
                string imageFile = Path.Combine(images, Path.GetFileName(Json.Text(q, "image", queryFile, at)));
                if (!File.Exists(imageFile)) throw new FileNotFoundException($"{queryFile}: item {id}'s image {imageFile} does not exist", imageFile);
                byte[] bytes = File.ReadAllBytes(imageFile);
                items.Add(new BenchmarkItem(id, new ImageInput(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes), Json.Text(q, "query", queryFile, at)));
            }
        }
        return new Amber(items, annotations, relation, safe);
    }

    /// <summary>AMBER from annotations already in memory (tests and callers with their own reader).</summary>
    public static Amber Of(IReadOnlyDictionary<string, AmberAnnotation> annotations, IReadOnlyDictionary<string, string[]> relation, IEnumerable<string> safeWords)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return new Amber([], annotations.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), relation, safeWords.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The figures over <paramref name="responses"/> (item id → response); ids without an annotation fail.</summary>
    public AmberMetrics Score(IReadOnlyDictionary<string, string> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        int generative = 0, mentions = 0, hallucinated = 0, hallucinatedResponses = 0, truthObjects = 0, covered = 0, halluObjects = 0, cognitive = 0;
        int discriminative = 0, correct = 0, truthNo = 0, answeredNo = 0, correctNo = 0, unanswered = 0;
        foreach (var (id, response) in responses)
        {
            if (!annotations.TryGetValue(id, out var a)) throw new InvalidDataException($"response id {id} has no AMBER annotation");
            if (a.Generative)
            {
                var truth = a.Truth.Distinct(StringComparer.Ordinal).ToList();
                var hallu = a.Hallu.Distinct(StringComparer.Ordinal).ToList();
                var truthCovered = new HashSet<string>(StringComparer.Ordinal);
                var halluCovered = new HashSet<string>(StringComparer.Ordinal);
                int bad = 0;
                var found = nouns.Mentions(response);
                foreach (var noun in found)
                {
                    if (safeWords.Contains(noun)) continue;
                    var t = truth.FirstOrDefault(o => o == noun || Associated(o, noun));
                    if (t is not null)
                    {
                        truthCovered.Add(t);
                        continue;
                    }
                    bad++;
                    var h = hallu.FirstOrDefault(o => o == noun || Associated(o, noun));
                    if (h is not null) halluCovered.Add(h);
                }
                generative++;
                mentions += found.Count;
                hallucinated += bad;
                hallucinatedResponses += bad > 0 ? 1 : 0;
                truthObjects += truth.Count;
                covered += truthCovered.Count;
                halluObjects += hallu.Count;
                cognitive += halluCovered.Count;
            }
            else
            {
                string answer = YesNo(response);
                bool isNo = a.Truth[0] == "no";
                discriminative++;
                truthNo += isNo ? 1 : 0;
                correct += answer == a.Truth[0] ? 1 : 0;
                answeredNo += answer == "no" ? 1 : 0;
                correctNo += answer == "no" && isNo ? 1 : 0;
                unanswered += answer.Length == 0 ? 1 : 0;
            }
        }
        return new AmberMetrics(generative, mentions, hallucinated, hallucinatedResponses, truthObjects, covered, halluObjects, cognitive, discriminative, correct, truthNo, answeredNo, correctNo, unanswered);
    }

    /// <summary>"yes", "no", or "" when the response starts with neither.</summary>
    public static string YesNo(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var first = new string(response.TrimStart().TakeWhile(char.IsLetter).ToArray()).ToLowerInvariant();
        return first is "yes" or "no" ? first : string.Empty;
    }

    private bool Associated(string obj, string noun) => relation.TryGetValue(obj, out var words) && words.Contains(noun, StringComparer.Ordinal);
}
