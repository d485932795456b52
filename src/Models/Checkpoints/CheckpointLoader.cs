using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// Strict loading of Hugging Face safetensors checkpoints (one <c>model.safetensors</c>, or shards listed by
/// <c>model.safetensors.index.json</c>) into a module whose parameter names mirror the checkpoint keys. Every
/// module tensor must be present exactly once with the same shape; a missing, unexpected or mis-shaped tensor
/// fails with its name (and both shapes). Values are converted to the module's dtype and device on copy.
/// </summary>
public static class CheckpointLoader
{
    /// <summary>Name of the shard index file.</summary>
    public const string IndexFileName = "model.safetensors.index.json";

    /// <summary>Name of a single-file checkpoint.</summary>
    public const string SingleFileName = "model.safetensors";

    /// <summary>The safetensors files of a checkpoint directory, in index order.</summary>
    public static IReadOnlyList<string> WeightFiles(string directory)
    {
        string index = Path.Combine(directory, IndexFileName);
        if (File.Exists(index))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(index));
            if (!doc.RootElement.TryGetProperty("weight_map", out var map))
            {
                throw new InvalidDataException($"{index} has no weight_map.");
            }

            return map.EnumerateObject().Select(p => p.Value.GetString() ?? "").Distinct().Select(f => Path.Combine(directory, f)).ToList();
        }

        string single = Path.Combine(directory, SingleFileName);
        if (File.Exists(single))
        {
            return [single];
        }

        var any = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.safetensors").Order(StringComparer.Ordinal).ToList() : [];
        return any.Count > 0 ? any : throw new FileNotFoundException($"No {SingleFileName}, {IndexFileName} or *.safetensors in {directory}.");
    }

    /// <summary>
    /// Loads the checkpoint in <paramref name="directory"/> into <paramref name="module"/>.
    /// <paramref name="optionalKeys"/> may be absent from the checkpoint (e.g. a tied head);
    /// <paramref name="mapKey"/> rewrites checkpoint keys to module keys.
    /// </summary>
    public static void Load(nn.Module module, string directory, IReadOnlyCollection<string>? optionalKeys = null, Func<string, string>? mapKey = null)
    {
        var expected = module.state_dict();
        var optional = new HashSet<string>(optionalKeys ?? [], StringComparer.Ordinal);
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        var files = WeightFiles(directory);

        // Check every header first: a bad shard fails before any weight is touched.
        var headers = files.Select(f => (File: f, Header: SafetensorsHeader.Read(f))).ToList();
        foreach (var (file, header) in headers)
        {
            foreach (var (key, entry) in header.Entries)
            {
                string name = mapKey is null ? key : mapKey(key);
                if (!expected.TryGetValue(name, out var target))
                {
                    if (CheckpointKeys.IsIgnorableBuffer(name))
                    {
                        continue;
                    }

                    throw new InvalidDataException($"Unexpected tensor '{key}' {SafetensorsHeader.ShapeText(entry.Shape)} in {Path.GetFileName(file)}: the model has no such parameter.");
                }

                if (!entry.Shape.SequenceEqual(target.shape))
                {
                    throw new InvalidDataException(
                        $"Tensor '{key}' in {Path.GetFileName(file)} has shape {SafetensorsHeader.ShapeText(entry.Shape)} but the model expects {SafetensorsHeader.ShapeText(target.shape)}.");
                }

                if (!loaded.Add(name))
                {
                    throw new InvalidDataException($"Tensor '{key}' appears more than once in the checkpoint ({Path.GetFileName(file)}).");
                }
            }
        }

        var missing = expected.Keys.Where(k => !loaded.Contains(k) && !optional.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"Checkpoint {directory} lacks {missing.Count} tensor(s) the model needs: " +
                string.Join(", ", missing.Take(10).Select(k => $"'{k}' {SafetensorsHeader.ShapeText(expected[k].shape)}")) + (missing.Count > 10 ? ", ..." : "."));
        }

        using var noGrad = no_grad();
        foreach (var (file, _) in headers)
        {
            Dictionary<string, Tensor> tensors;
            try
            {
                tensors = Safetensors.LoadStateDict(file);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidDataException($"{file}: the safetensors data could not be read: {e.Message}", e);
            }

            foreach (var (key, value) in tensors)
            {
                using (value)
                {
                    string name = mapKey is null ? key : mapKey(key);
                    if (expected.TryGetValue(name, out var target))
                    {
                        target.copy_(value);
                    }
                }
            }
        }
    }
}
