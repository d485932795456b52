using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RlaifV.Stages.Ports;

namespace RlaifV.Evaluation;

/// <summary>
/// Responses generated once and kept on disk, keyed by (policy digest, benchmark, item id) and the generation settings:
/// <c>{directory}/{policy digest}/{benchmark}-{settings digest}.jsonl</c>, one <c>{"id", "response"}</c> line per item,
/// appended as batches finish. A judge can then be re-run without sampling again, and an interrupted generation resumes
/// with the items it lacks.
/// </summary>
public sealed class ResponseCache(string directory)
{
    /// <summary>The cache's root folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The cache file of (<paramref name="policyDigest"/>, <paramref name="benchmark"/>, <paramref name="settings"/>).</summary>
    public string FileOf(string policyDigest, string benchmark, GenerationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string key = string.Create(CultureInfo.InvariantCulture, $"t={settings.Temperature:R};p={settings.TopP:R};k={settings.TopK};r={settings.RepetitionPenalty:R};m={settings.MaxNewTokens}");
        string settingsDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
        return Path.Combine(Directory, policyDigest, $"{benchmark}-{settingsDigest}.jsonl");
    }

    /// <summary>The cached responses of a cache file (id → response); empty when there is none.</summary>
    public static Dictionary<string, string> Read(string file)
    {
        var cached = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(file)) return cached;
        var lines = File.ReadAllLines(file);
        for (int line = 1; line <= lines.Length; line++)
        {
            string text = lines[line - 1];
            if (text.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                cached[doc.RootElement.GetProperty("id").GetString()!] = doc.RootElement.GetProperty("response").GetString()!;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // A line cut off by a killed run is the last one: everything before it stands, its item is generated again.
                if (line == lines.Length) break;
                throw new InvalidDataException($"{file}:{line}: not a cached response ({e.Message}); delete the file to generate again", e);
            }
        }
        return cached;
    }

    /// <summary>
    /// The responses of <paramref name="policy"/> to <paramref name="items"/>: the cached ones, and the rest generated in
    /// batches of <paramref name="batchSize"/> (row i of item id seeded by <paramref name="seed"/>) and appended to the cache.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> GetOrGenerateAsync(
        string policyDigest, string benchmark, IReadOnlyList<BenchmarkItem> items, IPolicySampler policy, GenerationSettings settings,
        int batchSize, long seed, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(policy);
        string file = FileOf(policyDigest, benchmark, settings);
        var cached = Read(file);
        var missing = items.Where(i => !cached.ContainsKey(i.Id)).ToList();
        progress?.Invoke(items.Count - missing.Count, items.Count);
        if (missing.Count > 0)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await using var writer = new StreamWriter(file, append: true, new UTF8Encoding(false));
            foreach (var batch in missing.Chunk(Math.Max(1, batchSize)))
            {
                var requests = batch.Select(i => new SamplingRequest(i.Image, i.Instruction, seed)).ToList();
                var sampled = await policy.SampleAsync(requests, settings, cancellationToken).ConfigureAwait(false);
                for (int k = 0; k < batch.Length; k++)
                {
                    cached[batch[k].Id] = sampled[k].Text;
                    await writer.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = batch[k].Id, ["response"] = sampled[k].Text })).ConfigureAwait(false);
                }
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                progress?.Invoke(items.Count(i => cached.ContainsKey(i.Id)), items.Count);
            }
        }
        return items.ToDictionary(i => i.Id, i => cached[i.Id], StringComparer.Ordinal);
    }
}
