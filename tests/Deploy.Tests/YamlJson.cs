using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RlaifV.Deploy.Tests;

/// <summary>
/// YAML values files as JSON, the way Helm reads them (YAML 1.2 core schema: plain true/false, null/~, integers and
/// floats are typed, quoted scalars are strings), and Helm's merge of a values file over the chart's values.yaml
/// (maps merge key by key, anything else replaces, null deletes).
/// </summary>
internal static class YamlJson
{
    /// <summary>Reads <paramref name="path"/>'s first document as JSON (an empty file is an empty object).</summary>
    public static JsonObject Read(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path)) yaml.Load(reader);
        return yaml.Documents.Count == 0 ? [] : (JsonObject)Convert(yaml.Documents[0].RootNode)!;
    }

    /// <summary>Helm's coalescing of <paramref name="over"/> onto a copy of <paramref name="under"/>.</summary>
    public static JsonObject Merge(JsonObject under, JsonObject over)
    {
        var result = (JsonObject)under.DeepClone();
        foreach (var (key, value) in over)
        {
            if (value is null) result.Remove(key);
            else if (value is JsonObject o && result[key] is JsonObject u) result[key] = Merge(u, o);
            else result[key] = value.DeepClone();
        }
        return result;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"unsupported YAML node at {node.Start}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (text.Any(char.IsDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
