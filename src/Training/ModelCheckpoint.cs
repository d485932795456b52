using System.Security.Cryptography;
using System.Text.Json;
using RlaifV.Models;
using TorchSharp;

namespace RlaifV.Training;

/// <summary>
/// Saves a (trained) model in the Hugging Face layout <see cref="LlavaBackend.Load"/> reads: config.json,
/// safetensors weights, preprocessor_config.json for LLaVA, the tokenizer files copied from the source checkpoint, and
/// <c>rlaifv-checkpoint.json</c> with the weights' SHA-256. Written to a temporary folder and renamed into place, so a
/// reader never sees half a checkpoint and a rerun replaces it.
/// </summary>
public static class ModelCheckpoint
{
    /// <summary>Name of the manifest file written beside the weights.</summary>
    public const string ManifestFileName = "rlaifv-checkpoint.json";

    private static readonly string[] TokenizerFiles =
        ["tokenizer.model", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "generation_config.json", "chat_template.json"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Saves the model behind <paramref name="engine"/> into <paramref name="directory"/>.</summary>
    /// <param name="engine">The engine whose model is saved (LLaVA or a text-only Llama).</param>
    /// <param name="directory">Target folder (replaced when it exists).</param>
    /// <param name="tokenizerSource">The checkpoint folder the tokenizer files are copied from.</param>
    /// <param name="step">Steps behind the weights (recorded in the manifest).</param>
    /// <param name="extras">Writes further files into the folder before it is published (a LoRA adapter).</param>
    public static CheckpointInfo Save(InferenceEngine engine, string directory, string tokenizerSource, int step, Action<string>? extras = null)
    {
        string full = Path.GetFullPath(directory);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var dtype = engine.LanguageModel.Model.EmbedTokens.weight!.dtype;
            if (engine.Llava is { } llava)
            {
                CheckpointWriter.SaveLlava(llava, temp, dtype: dtype);
            }
            else
            {
                var model = engine.LanguageModel;
                Directory.CreateDirectory(temp);
                string dtypeName = dtype switch { torch.ScalarType.Float16 => "float16", torch.ScalarType.BFloat16 => "bfloat16", _ => "float32" };
                ConfigJson.Write(Path.Combine(temp, "config.json"), model.Config with { TorchDtype = dtypeName });
                CheckpointWriter.Save(model, temp, 2L << 30, dtype, model.Config.TieWordEmbeddings ? ["lm_head.weight"] : null);
            }

            foreach (string name in TokenizerFiles)
            {
                string source = Path.Combine(tokenizerSource, name);
                if (File.Exists(source))
                {
                    File.Copy(source, Path.Combine(temp, name), overwrite: true);
                }
            }

            extras?.Invoke(temp);
            string sha = WeightsSha256(temp);
            var manifest = new Dictionary<string, object>
            {
                ["weights_sha256"] = sha,
                ["step"] = step,
                ["files"] = CheckpointLoader.WeightFiles(temp).Select(Path.GetFileName).ToList(),
                ["saved_at"] = DateTimeOffset.UtcNow.ToString("O"),
            };
            File.WriteAllText(Path.Combine(temp, ManifestFileName), JsonSerializer.Serialize(manifest, Indented));
            if (Directory.Exists(full))
            {
                Directory.Delete(full, recursive: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            Directory.Move(temp, full);
            return new CheckpointInfo(full, sha, step);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>SHA-256 over the bytes of a checkpoint's weight files, in index order.</summary>
    public static string WeightsSha256(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (string file in CheckpointLoader.WeightFiles(directory))
        {
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
