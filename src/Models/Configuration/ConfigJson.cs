using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlaifV.Models;

/// <summary>Reads and writes Hugging Face <c>config.json</c> files.</summary>
public static class ConfigJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>True when <paramref name="configPath"/> describes a LLaVA checkpoint (a text_config, or model_type llava).</summary>
    public static bool IsLlava(string configPath)
    {
        var node = JsonNode.Parse(File.ReadAllText(configPath));
        return node is JsonObject o && (o.ContainsKey("text_config") || (string?)o["model_type"] == "llava");
    }

    /// <summary>Reads a LLaVA config and validates it.</summary>
    public static LlavaConfig ReadLlava(string configPath)
    {
        var config = Deserialize<LlavaConfig>(configPath);
        config.Validate();
        return config;
    }

    /// <summary>Reads a plain Llama config and validates it.</summary>
    public static LlamaConfig ReadLlama(string configPath)
    {
        var config = Deserialize<LlamaConfig>(configPath);
        config.Validate();
        return config;
    }

    /// <summary>Writes a config as indented JSON.</summary>
    public static void Write<T>(string configPath, T config) => File.WriteAllText(configPath, JsonSerializer.Serialize(config, Options));

    private static T Deserialize<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
