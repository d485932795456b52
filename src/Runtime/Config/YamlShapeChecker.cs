using System.Globalization;
using System.Reflection;
using RlaifV.Schemas;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace RlaifV.Runtime.Config;

/// <summary>
/// Checks a YAML document against an options type before binding: every key must name a property
/// (snake_case), every scalar must parse as the property's type, every section must be a mapping, and an enum-valued
/// key must hold exactly one of its spellings (<see cref="EnumNames"/>: <c>rejected_claims</c>, not <c>RejectedClaims</c>).
/// Each problem names the file and line, the dotted key, the value and what is allowed.
/// </summary>
internal static class YamlShapeChecker
{
    /// <summary>
    /// The problems that stop binding (<c>Shape</c>), and the enum values that are not allowed (<c>Values</c>): those are
    /// value problems, listed with the rest of the values once the document is bound.
    /// </summary>
    public static (IReadOnlyList<string> Shape, IReadOnlyList<BadValue> Values) Check(YamlNode root, Type type, string file)
    {
        var problems = new Problems(file);
        Walk(root, type, string.Empty, problems);
        return (problems.Shape, problems.Values);
    }

    public static string KeyOf(PropertyInfo p) => UnderscoredNamingConvention.Instance.Apply(p.Name);

    public static IReadOnlyList<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null).ToList();

    private static void Walk(YamlNode node, Type type, string path, Problems problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Shape.Add($"{problems.File}:{node.Start.Line}: {Display(path)}: expected a section of keys ({string.Join(", ", Settable(type).Select(KeyOf))})");
            return;
        }
        var properties = Settable(type).ToDictionary(KeyOf, StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var full = path.Length == 0 ? key : $"{path}.{key}";
            if (!properties.TryGetValue(key, out var property))
            {
                problems.Shape.Add($"{problems.File}:{keyNode.Start.Line}: {full}: unknown key; allowed keys here: {string.Join(", ", properties.Keys)}");
                continue;
            }
            CheckValue(value, property.PropertyType, full, problems);
        }
    }

    private static void CheckValue(YamlNode value, Type type, string path, Problems problems)
    {
        if (IsScalarType(type))
        {
            if (value is not YamlScalarNode scalar)
            {
                problems.Shape.Add($"{problems.File}:{value.Start.Line}: {path}: expected a single {Describe(type)} value");
                return;
            }
            if (type.IsEnum)
            {
                var allowed = EnumNames.Settable(type).Select(v => v.Name).ToList();
                if (!allowed.Contains(scalar.Value ?? string.Empty, StringComparer.Ordinal))
                    problems.Values.Add(new BadValue(scalar, $"{problems.File}:{value.Start.Line}: {path} = {scalar.Value}: allowed is one of {string.Join(", ", allowed)}", allowed[0]));
                return;
            }
            if (!Parses(scalar.Value ?? string.Empty, type))
                problems.Shape.Add($"{problems.File}:{value.Start.Line}: {path} = '{scalar.Value}': not a valid {Describe(type)}");
            return;
        }
        if (IsStringMap(type))
        {
            if (value is not YamlMappingNode map)
            {
                problems.Shape.Add($"{problems.File}:{value.Start.Line}: {path}: expected a map of keys to single values, like {{ top_k: 20 }}");
                return;
            }
            foreach (var (key, item) in map.Children)
                if (item is not YamlScalarNode) problems.Shape.Add($"{problems.File}:{item.Start.Line}: {path}.{((YamlScalarNode)key).Value}: expected a single value");
            return;
        }
        if (ListElement(type) is { } element)
        {
            if (value is not YamlSequenceNode seq)
            {
                problems.Shape.Add($"{problems.File}:{value.Start.Line}: {path}: expected a list of {Describe(element)} values, like [a, b]");
                return;
            }
            foreach (var item in seq.Children) CheckValue(item, element, path + "[]", problems);
            return;
        }
        Walk(value, type, path, problems);
    }

    private static bool IsScalarType(Type t) =>
        t == typeof(string) || t == typeof(short) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(bool) || t.IsEnum;

    private static bool IsStringMap(Type t) =>
        t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Dictionary<,>) || t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        && t.GetGenericArguments().All(a => a == typeof(string));

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
        || (t == typeof(bool) && bool.TryParse(s, out _));

    private static string Describe(Type t) =>
        t == typeof(short) || t == typeof(int) || t == typeof(long) ? "whole number" : t == typeof(double) ? "number" : t == typeof(bool) ? "true/false" : t == typeof(string) ? "text" : t.Name;

    private static string Display(string path) => path.Length == 0 ? "(top level)" : path;

    /// <summary>An enum value that is not allowed: its node, the problem, and an allowed spelling to bind in its place.</summary>
    public sealed record BadValue(YamlScalarNode Node, string Problem, string Fallback);

    private sealed class Problems(string file)
    {
        public string File => file;

        public List<string> Shape { get; } = [];

        public List<BadValue> Values { get; } = [];
    }
}
