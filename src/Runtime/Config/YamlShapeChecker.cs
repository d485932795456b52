using System.Globalization;
using System.Reflection;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace RlaifV.Runtime.Config;

/// <summary>
/// Checks a YAML document against an options type before binding: every key must name a property
/// (snake_case), every scalar must parse as the property's type, every section must be a mapping. Each
/// problem names the file and line, the dotted key, the value and what is allowed.
/// </summary>
internal static class YamlShapeChecker
{
    public static IReadOnlyList<string> Check(YamlNode root, Type type, string file)
    {
        var problems = new List<string>();
        Walk(root, type, string.Empty, file, problems);
        return problems;
    }

    public static string KeyOf(PropertyInfo p) => UnderscoredNamingConvention.Instance.Apply(p.Name);

    public static IReadOnlyList<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null).ToList();

    private static void Walk(YamlNode node, Type type, string path, string file, List<string> problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Add($"{file}:{node.Start.Line}: {Display(path)}: expected a section of keys ({string.Join(", ", Settable(type).Select(KeyOf))})");
            return;
        }
        var properties = Settable(type).ToDictionary(KeyOf, StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var full = path.Length == 0 ? key : $"{path}.{key}";
            if (!properties.TryGetValue(key, out var property))
            {
                problems.Add($"{file}:{keyNode.Start.Line}: {full}: unknown key; allowed keys here: {string.Join(", ", properties.Keys)}");
                continue;
            }
            CheckValue(value, property.PropertyType, full, file, problems);
        }
    }

    private static void CheckValue(YamlNode value, Type type, string path, string file, List<string> problems)
    {
        if (IsScalarType(type))
        {
            if (value is not YamlScalarNode scalar)
            {
                problems.Add($"{file}:{value.Start.Line}: {path}: expected a single {Describe(type)} value");
                return;
            }
            if (!Parses(scalar.Value ?? string.Empty, type))
                problems.Add($"{file}:{value.Start.Line}: {path} = '{scalar.Value}': not a valid {Describe(type)}");
            return;
        }
        if (ListElement(type) is { } element)
        {
            if (value is not YamlSequenceNode seq)
            {
                problems.Add($"{file}:{value.Start.Line}: {path}: expected a list of {Describe(element)} values, like [a, b]");
                return;
            }
            foreach (var item in seq.Children) CheckValue(item, element, path + "[]", file, problems);
            return;
        }
        Walk(value, type, path, file, problems);
    }

    private static bool IsScalarType(Type t) =>
        t == typeof(string) || t == typeof(short) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(bool) || t.IsEnum;

    private static Type? ListElement(Type t) =>
        t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || t.GetGenericTypeDefinition() == typeof(List<>))
            ? t.GetGenericArguments()[0]
            : null;

    private static bool Parses(string s, Type t) =>
        t == typeof(string)
        || (t == typeof(short) && short.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        || (t == typeof(int) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        || (t == typeof(long) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        || (t == typeof(double) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        || (t == typeof(bool) && bool.TryParse(s, out _))
        || (t.IsEnum && Enum.TryParse(t, s, ignoreCase: true, out _));

    private static string Describe(Type t) =>
        t == typeof(short) || t == typeof(int) || t == typeof(long) ? "whole number" : t == typeof(double) ? "number" : t == typeof(bool) ? "true/false" : t == typeof(string) ? "text" : t.Name;

    private static string Display(string path) => path.Length == 0 ? "(top level)" : path;
}
