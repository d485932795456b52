using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RlaifV.Stages.Ports;

namespace RlaifV.Evaluation;

/// <summary>
/// MMHal-Bench over its published response template (<c>response_template.json</c>: a list of items with
/// <c>question_type</c>, <c>question_topic</c>, <c>image_id</c>, <c>image_src</c>, <c>image_content</c>, <c>question</c>,
/// <c>gt_answer</c>, <c>model_answer</c>) and its images (<c>images/</c> beside it, named as the last part of
/// <c>image_src</c>). An item's id is its position in the list. A judge model rates each answer 0–6 with the rubric
/// template (<see cref="JudgeOptions.MmhalTemplate"/>); the rating is the last "Rating: N" of its verdict.
/// </summary>
public sealed partial class MmHal
{
    private static readonly string[] ImageFolders = ["images", "image"];
    private readonly Dictionary<string, MmHalEntry> entries;

    private MmHal(IReadOnlyList<BenchmarkItem> items, Dictionary<string, MmHalEntry> entries)
    {
        Items = items;
        this.entries = entries;
    }

    /// <summary>The prompts (empty when read without images).</summary>
    public IReadOnlyList<BenchmarkItem> Items { get; }

    /// <summary>Reads the template file; with <paramref name="withImages"/>, the images beside it too (for generation).</summary>
    public static MmHal Load(string templateFile, bool withImages = true)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(templateFile))!;
        string images = ImageFolders.Select(d => Path.Combine(folder, d)).FirstOrDefault(Directory.Exists) ?? folder;
        var entries = new Dictionary<string, MmHalEntry>(StringComparer.Ordinal);
        var items = new List<BenchmarkItem>();
        using var doc = Json.ParseFile(templateFile);
        int at = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            string id = at.ToString(CultureInfo.InvariantCulture);
            at++;
            var entry = new MmHalEntry(Json.Strings(e, "image_content", templateFile, at), Json.Text(e, "question", templateFile, at), Json.Text(e, "gt_answer", templateFile, at));
            entries[id] = entry;
            if (!withImages) continue;
            string source = Json.Text(e, "image_src", templateFile, at);
            string file = Path.Combine(images, source[(source.LastIndexOf('/') + 1)..]);
            if (!File.Exists(file)) throw new FileNotFoundException($"{templateFile}: item {at}'s image {file} does not exist (put the images in {images})", file);
            byte[] bytes = File.ReadAllBytes(file);
            items.Add(new BenchmarkItem(id, new ImageInput(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes), entry.Question));
        }
        return new MmHal(items, entries);
    }

    /// <summary>The judge prompt of item <paramref name="id"/> answered with <paramref name="response"/>.</summary>
    public string Prompt(string template, string id, string response)
    {
        ArgumentNullException.ThrowIfNull(template);
        var e = entries[id];
        return template
            .Replace("{image_content}", string.Join(", ", e.ImageContent), StringComparison.Ordinal)
            .Replace("{question}", e.Question, StringComparison.Ordinal)
            .Replace("{gt_answer}", e.Reference, StringComparison.Ordinal)
            .Replace("{response}", response, StringComparison.Ordinal);
    }

    /// <summary>The judge's ratings of <paramref name="responses"/> (item id → response), in batches.</summary>
    public async Task<MmHalMetrics> JudgeAsync(IReadOnlyDictionary<string, string> responses, ITextGenerator judge, JudgeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(options);
        var ids = responses.Keys.Order(StringComparer.Ordinal).ToList();
        var verdicts = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new GenerationSettings { Temperature = 0, MaxNewTokens = options.MaxNewTokens };
        foreach (var batch in ids.Chunk(Math.Max(1, options.BatchSize)))
        {
            var outputs = await judge.GenerateAsync(batch.Select(id => new TextGenerationRequest(Prompt(options.MmhalTemplate, id, responses[id]), options.Seed)).ToList(), settings, cancellationToken).ConfigureAwait(false);
            for (int k = 0; k < batch.Length; k++) verdicts[batch[k]] = outputs[k];
        }
        return Score(verdicts);
    }

    /// <summary>The figures from the judge's verdicts (item id → verdict text).</summary>
    public static MmHalMetrics Score(IReadOnlyDictionary<string, string> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var ratings = new Dictionary<string, int>(StringComparer.Ordinal);
        var unrated = new List<string>();
        foreach (var (id, verdict) in verdicts)
        {
            if (Rating(verdict) is { } r) ratings[id] = r;
            else unrated.Add(id);
        }
        return new MmHalMetrics(verdicts.Count, ratings, unrated.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The last "Rating: N" (N from 0 to 6) of a verdict, or null.</summary>
    public static int? Rating(string verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var matches = RatingPattern().Matches(verdict);
        return matches.Count == 0 ? null : matches[^1].Groups[1].Value[0] - '0';
    }

    [GeneratedRegex(@"rating\s*[:=]\s*\**\s*([0-6])(?![0-9.])", RegexOptions.IgnoreCase)]
    private static partial Regex RatingPattern();
}
