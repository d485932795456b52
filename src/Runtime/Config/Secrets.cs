using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace RlaifV.Runtime.Config;

/// <summary>
/// What must never be printed, and the one function that hides it (<see cref="Redact"/>): every value the configuration
/// took from the environment (<c>${NAME}</c>), and every value of a key whose name contains password, secret, token or
/// key. The process's standard output and error pass through <see cref="Redact"/> (the host wraps them), so logs, errors,
/// progress lines and <c>validate</c> show <c>***</c> in their place whatever echoes them, librdkafka's messages included.
/// </summary>
public static partial class Secrets
{
    /// <summary>What a secret is shown as.</summary>
    public const string Mask = "***";

    /// <summary>Shorter values are not masked in free text (they would mask common words and numbers); keys are masked whatever their length.</summary>
    private const int MinimumLength = 3;

    private static readonly ConcurrentDictionary<string, byte> Values = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a key's value is secret by its name: one of the words of the name (split at dots, underscores and dashes)
    /// is password, secret, token or key, or ends in one of them (<c>sasl.password</c>, <c>api_key</c>,
    /// <c>ssl.key.password</c>, <c>client_secret</c>, <c>oauthbearer.token</c>, <c>apikey</c>); a word that only contains one
    /// is not (<c>max_tokens</c>, <c>tokenizer</c>, <c>top_k</c>), or every count of tokens would be masked.
    /// </summary>
    public static bool IsSecretKey(string key) =>
        key.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries).Any(w =>
            w.EndsWith("password", StringComparison.OrdinalIgnoreCase) || w.EndsWith("secret", StringComparison.OrdinalIgnoreCase)
            || w.EndsWith("token", StringComparison.OrdinalIgnoreCase) || w.EndsWith("key", StringComparison.OrdinalIgnoreCase));

    /// <summary>Remembers <paramref name="value"/> as a secret.</summary>
    public static void Remember(string? value)
    {
        if (!string.IsNullOrEmpty(value) && value.Length >= MinimumLength) Values.TryAdd(value, 0);
    }

    /// <summary><paramref name="text"/> with every remembered secret replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text) || Values.IsEmpty) return text;
        foreach (var value in Values.Keys.OrderByDescending(v => v.Length))
            if (text.Contains(value, StringComparison.Ordinal)) text = text.Replace(value, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>A setting as it may be shown: <see cref="Mask"/> for a secret key, else the value (secrets in it masked).</summary>
    public static string Show(string key, string value) => IsSecretKey(key) ? Mask : Redact(value);

    /// <summary>
    /// Replaces every <c>${NAME}</c> in the document's scalar values with the environment variable NAME, remembering each
    /// substituted value as a secret; also remembers the values of secret-named keys. Returns a problem for every
    /// variable that is not set, naming the key and the variable.
    /// </summary>
    public static IReadOnlyList<string> Expand(YamlNode root, string file, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var problems = new List<string>();
        Walk(root, string.Empty, file, environment, problems);
        return problems;
    }

    private static void Walk(YamlNode node, string path, string file, Func<string, string?> environment, List<string> problems)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                    var full = path.Length == 0 ? name : $"{path}.{name}";
                    Walk(value, full, file, environment, problems);
                    if (IsSecretKey(name) && value is YamlScalarNode { Value: { } secret }) Remember(secret);
                }
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children) Walk(item, path + "[]", file, environment, problems);
                break;
            case YamlScalarNode { Value: { } text } scalar when text.Contains("${", StringComparison.Ordinal):
                scalar.Value = Variable().Replace(text, m =>
                {
                    var name = m.Groups[1].Value;
                    var value = environment(name);
                    if (value is null)
                    {
                        problems.Add($"{file}:{scalar.Start.Line}: {path}: the environment variable {name} (${{{name}}}) is not set");
                        return string.Empty;
                    }
                    Remember(value);
                    return value;
                });
                break;
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
