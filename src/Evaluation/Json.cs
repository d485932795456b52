using System.Globalization;
using System.Text.Json;

namespace RlaifV.Evaluation;

/// <summary>Field access for the benchmarks' files, failing with the file, the line or item, and the field.</summary>
internal static class Json
{
    public static JsonDocument Parse(string text, string file, int line)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}:{line}: not JSON ({e.Message})", e);
        }
    }

    public static JsonDocument ParseFile(string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{file} does not exist", file);
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not JSON ({e.Message})", e);
        }
    }

    public static string Text(JsonElement e, string name, string file, int at) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Missing(name, "a string", file, at);

    /// <summary>An id: a JSON string, or an integer read as its decimal text.</summary>
    public static string Id(JsonElement e, string name, string file, int at) => e.TryGetProperty(name, out var v)
        ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number when v.TryGetInt64(out long n) => n.ToString(CultureInfo.InvariantCulture),
            _ => throw Missing(name, "a string or an integer", file, at),
        }
        : throw Missing(name, "a string or an integer", file, at);

    public static byte[] Base64(JsonElement e, string name, string file, int at)
    {
        string text = Text(e, name, file, at);
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{file}:{at}: '{name}' is not base64", ex);
        }
    }

    public static IReadOnlyList<string> Strings(JsonElement e, string name, string file, int at) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw Missing(name, "a list of strings", file, at)).ToList()
            : throw Missing(name, "a list of strings", file, at);

    private static InvalidDataException Missing(string name, string what, string file, int at) =>
        new($"{file}:{at}: '{name}' is missing or not {what}");
}
