using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using RlaifV.Schemas;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// Options whose values are checked while parsing, so that a bad value is a command-line error (exit 2) that names the
/// option, the value and what is allowed, before any work: <c>--round = 'x': allowed is a whole number ≥ 0</c>.
/// Every option is long and kebab-case; an absent option reads as null (the configuration's value stands).
/// </summary>
internal static class CliOption
{
    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static Option<int?> Whole(string name, int min, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = r => Parse(r, name, $"a whole number ≥ {min}", (string s, out int v) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v) && v >= min),
    };

    /// <summary>A whole number (64-bit) of at least <paramref name="min"/>.</summary>
    public static Option<long?> WholeLong(string name, long min, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = r => Parse(r, name, $"a whole number ≥ {min}", (string s, out long v) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v) && v >= min),
    };

    /// <summary>A number for which <paramref name="ok"/> holds; <paramref name="allowed"/> says which.</summary>
    public static Option<double?> Number(string name, string allowed, Func<double, bool> ok, string description) => new(name)
    {
        Description = description,
        HelpName = "X",
        CustomParser = r => Parse(r, name, allowed, (string s, out double v) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && ok(v)),
    };

    /// <summary>Free text (a path, a name, servers).</summary>
    public static Option<string?> Text(string name, string helpName, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = helpName,
    };

    /// <summary>One of <paramref name="allowed"/>.</summary>
    public static Option<string?> OneOf(string name, string description, params string[] allowed)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = string.Join('|', allowed) };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } value && !allowed.Contains(value, StringComparer.Ordinal))
            {
                r.AddError($"{name} = '{value}': allowed is {Words(allowed)}");
            }
        });
        return option;
    }

    /// <summary>One value of <typeparamref name="T"/>, spelled as in pipeline.yaml (<see cref="EnumNames"/>).</summary>
    public static Option<T?> OneOf<T>(string name, string description)
        where T : struct, Enum
    {
        var values = EnumNames.Settable(typeof(T));
        return new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', values.Select(v => v.Name)),
            CustomParser = r => Parse(r, name, Words(values.Select(v => v.Name).ToList()), (string s, out T v) =>
            {
                var match = values.FirstOrDefault(x => x.Name == s);
                v = match.Value is T found ? found : default;
                return match.Value is not null;
            }),
        };
    }

    /// <summary>A switch (present: true).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>"a, b or c".</summary>
    public static string Words(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];

    private delegate bool TryParse<T>(string text, out T value);

    private static T? Parse<T>(ArgumentResult result, string name, string allowed, TryParse<T> parse)
        where T : struct
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (parse(text, out T value))
        {
            return value;
        }
        result.AddError($"{name} = '{text}': allowed is {allowed}");
        return null;
    }
}
