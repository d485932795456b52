using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using RlaifV.Stages.Ports;

namespace RlaifV.Evaluation;

/// <summary>
/// Object HalBench over its published files: the question file (JSON lines with <c>image_id</c>, <c>question</c> and the
/// base64 <c>image</c>, as RLAIF-V's <c>obj_halbench_300_with_image.jsonl</c>) and COCO 2014's annotation folder
/// (<c>instances_val2014.json</c> and, when present, <c>captions_val2014.json</c>; the train2014 files too when present).
/// An image's ground truth is its instance categories plus the objects its human captions mention, as CHAIR does.
/// </summary>
public sealed class ObjectHalBench
{
    private static readonly string[] InstanceFiles = ["instances_val2014.json", "instances_train2014.json"];
    private static readonly string[] CaptionFiles = ["captions_val2014.json", "captions_train2014.json"];
    private readonly Dictionary<string, HashSet<string>> truth;

    private ObjectHalBench(IReadOnlyList<BenchmarkItem> items, Dictionary<string, HashSet<string>> truth, ObjectMentionExtractor extractor)
    {
        Items = items;
        this.truth = truth;
        Extractor = extractor;
    }

    /// <summary>The prompts, one per question line, with the image's COCO id as item id.</summary>
    public IReadOnlyList<BenchmarkItem> Items { get; }

    /// <summary>The mention extractor.</summary>
    public ObjectMentionExtractor Extractor { get; }

    /// <summary>The ground-truth objects of the image <paramref name="imageId"/>.</summary>
    public IReadOnlySet<string> Truth(string imageId) => truth.TryGetValue(imageId, out var t) ? t : new HashSet<string>();

    /// <summary>Reads the question file and the COCO annotation folder.</summary>
    public static ObjectHalBench Load(string questionFile, string cocoAnnotations, ObjectMentionExtractor? extractor = null)
    {
        extractor ??= ObjectMentionExtractor.Coco;
        var items = new List<BenchmarkItem>();
        int line = 0;
        foreach (var text in File.ReadLines(questionFile))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            using var doc = Json.Parse(text, questionFile, line);
            var root = doc.RootElement;
            string id = Json.Id(root, "image_id", questionFile, line);
            byte[] image = Json.Base64(root, "image", questionFile, line);
            items.Add(new BenchmarkItem(id, new ImageInput(Convert.ToHexStringLower(SHA256.HashData(image)), image), Json.Text(root, "question", questionFile, line)));
        }
        var wanted = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var truth = wanted.ToDictionary(id => id, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var instanceFiles = InstanceFiles.Select(f => Path.Combine(cocoAnnotations, f)).Where(File.Exists).ToList();
        if (instanceFiles.Count == 0) throw new FileNotFoundException($"{cocoAnnotations} holds no instances_val2014.json (COCO 2014's annotations folder)");
        foreach (var file in instanceFiles)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var names = doc.RootElement.GetProperty("categories").EnumerateArray()
                .ToDictionary(c => c.GetProperty("id").GetInt32(), c => c.GetProperty("name").GetString()!);
            foreach (var a in doc.RootElement.GetProperty("annotations").EnumerateArray())
            {
                string id = a.GetProperty("image_id").GetInt64().ToString(CultureInfo.InvariantCulture);
                if (truth.TryGetValue(id, out var set) && names.TryGetValue(a.GetProperty("category_id").GetInt32(), out var name)) set.Add(name);
            }
        }
        foreach (var file in CaptionFiles.Select(f => Path.Combine(cocoAnnotations, f)).Where(File.Exists))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var a in doc.RootElement.GetProperty("annotations").EnumerateArray())
            {
                string id = a.GetProperty("image_id").GetInt64().ToString(CultureInfo.InvariantCulture);
                if (truth.TryGetValue(id, out var set)) set.UnionWith(extractor.Mentions(a.GetProperty("caption").GetString() ?? string.Empty));
            }
        }
        return new ObjectHalBench(items, truth, extractor);
    }

    /// <summary>CHAIR over <paramref name="responses"/> (item id → response).</summary>
    public ChairMetrics Score(IReadOnlyDictionary<string, string> responses) =>
        Score(Items.Select(i => (Truth(i.Id), responses[i.Id])), Extractor);

    /// <summary>CHAIR over (ground truth, response) pairs: the metric itself.</summary>
    public static ChairMetrics Score(IEnumerable<(IReadOnlySet<string> Truth, string Response)> scored, ObjectMentionExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(extractor);
        int responses = 0, hallucinatedResponses = 0, mentions = 0, hallucinated = 0, truthObjects = 0, covered = 0;
        foreach (var (truth, response) in scored)
        {
            var found = extractor.Mentions(response);
            int bad = found.Count(o => !truth.Contains(o));
            responses++;
            mentions += found.Count;
            hallucinated += bad;
            hallucinatedResponses += bad > 0 ? 1 : 0;
            truthObjects += truth.Count;
            covered += truth.Count(found.Contains);
        }
        return new ChairMetrics(responses, hallucinatedResponses, mentions, hallucinated, truthObjects, covered);
    }
}
