using System.Globalization;

namespace RlaifV.Kafka;

/// <summary>
/// The one topic naming scheme: dot-separated components of lower-case letters, digits and dashes, under a
/// configurable prefix. <c>{prefix}.prompts</c>, <c>{prefix}.dlq</c>, <c>{prefix}.control</c>, and per round
/// <c>{prefix}.r0003.candidates</c>, <c>.verdicts</c>, <c>.pairs</c>; a replay writes to a variant such as
/// <c>{prefix}.r0003.pairs-relabel</c>. No underscores: Kafka's metric names confuse '.' with '_'.
/// </summary>
public sealed class TopicNames
{
    /// <summary>Kafka's limit on topic name length.</summary>
    public const int MaxLength = 249;

    /// <summary>Highest round number the four-digit scheme can express.</summary>
    public const int MaxRound = 9999;

    /// <summary>Creates the scheme for <paramref name="prefix"/> (lower-case letters, digits, dashes).</summary>
    public TopicNames(string prefix)
    {
        if (!IsValidComponent(prefix))
            throw new ArgumentException($"topic prefix '{prefix}' is invalid: use lower-case letters, digits and dashes, starting with a letter", nameof(prefix));
        Prefix = prefix;
    }

    /// <summary>The prefix.</summary>
    public string Prefix { get; }

    /// <summary>The input prompts topic.</summary>
    public string Prompts => $"{Prefix}.prompts";

    /// <summary>The dead-letter topic.</summary>
    public string DeadLetters => $"{Prefix}.dlq";

    /// <summary>The compacted control topic.</summary>
    public string Control => $"{Prefix}.control";

    /// <summary>Round <paramref name="round"/>'s candidates topic (or a replay variant of it).</summary>
    public string Candidates(int round, string? variant = null) => PerRound(round, "candidates", variant);

    /// <summary>Round <paramref name="round"/>'s verdicts topic (or a replay variant of it).</summary>
    public string Verdicts(int round, string? variant = null) => PerRound(round, "verdicts", variant);

    /// <summary>Round <paramref name="round"/>'s pairs topic (or a replay variant of it).</summary>
    public string Pairs(int round, string? variant = null) => PerRound(round, "pairs", variant);

    /// <summary>
    /// Round <paramref name="round"/>'s in-flight journal (compacted): which prompts a generator has sent to a model and not
    /// finished, and the strikes of prompts that were in flight when a generator died (<c>Generation.InFlightJournal</c>).
    /// </summary>
    public string InFlight(int round) => PerRound(round, "inflight", null);

    /// <summary>The three per-round topics of <paramref name="round"/>.</summary>
    public IReadOnlyList<string> RoundTopics(int round) => [Candidates(round), Verdicts(round), Pairs(round)];

    /// <summary>True when <paramref name="component"/> is one valid name component: <c>[a-z][a-z0-9-]*</c>.</summary>
    public static bool IsValidComponent(string? component)
    {
        if (string.IsNullOrEmpty(component) || component[0] is < 'a' or > 'z') return false;
        foreach (var c in component)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')) return false;
        return true;
    }

    /// <summary>
    /// Checks that <paramref name="topic"/> is a legal name of the scheme's alphabet (lower-case letters,
    /// digits, dots, dashes; no empty component; at most <see cref="MaxLength"/> characters).
    /// </summary>
    /// <exception cref="ArgumentException">Naming the topic and what is wrong.</exception>
    public static void Validate(string topic)
    {
        var problem = Problem(topic);
        if (problem is not null) throw new ArgumentException($"topic name '{topic}' is invalid: {problem}", nameof(topic));
    }

    /// <summary>True when <paramref name="topic"/> passes <see cref="Validate"/>.</summary>
    public static bool IsValid(string? topic) => Problem(topic) is null;

    /// <summary>Takes a name of the scheme apart; false for any other name.</summary>
    public static bool TryParse(string? topic, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParsedTopicName? parsed)
    {
        parsed = null;
        if (!IsValid(topic)) return false;
        var parts = topic!.Split('.');
        if (!IsValidComponent(parts[0])) return false;
        if (parts.Length == 2)
        {
            TopicKind? kind = parts[1] switch
            {
                "prompts" => TopicKind.Prompts,
                "dlq" => TopicKind.DeadLetters,
                "control" => TopicKind.Control,
                _ => null,
            };
            if (kind is null) return false;
            parsed = new ParsedTopicName(parts[0], kind.Value, null, null);
            return true;
        }
        if (parts.Length != 3 || parts[1].Length != 5 || parts[1][0] != 'r'
            || !int.TryParse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var round))
            return false;
        var dash = parts[2].IndexOf('-', StringComparison.Ordinal);
        var kindText = dash < 0 ? parts[2] : parts[2][..dash];
        var variant = dash < 0 ? null : parts[2][(dash + 1)..];
        if (variant is not null && !IsValidComponent(variant)) return false;
        TopicKind? roundKind = kindText switch
        {
            "candidates" => TopicKind.Candidates,
            "verdicts" => TopicKind.Verdicts,
            "pairs" => TopicKind.Pairs,
            _ => null,
        };
        if (roundKind is null) return false;
        parsed = new ParsedTopicName(parts[0], roundKind.Value, round, variant);
        return true;
    }

    private string PerRound(int round, string kind, string? variant)
    {
        if (round is < 0 or > MaxRound) throw new ArgumentOutOfRangeException(nameof(round), round, $"round must be 0..{MaxRound}");
        if (variant is not null && !IsValidComponent(variant))
            throw new ArgumentException($"topic variant '{variant}' is invalid: use lower-case letters, digits and dashes, starting with a letter", nameof(variant));
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}.r{round:D4}.{kind}");
        return variant is null ? name : $"{name}-{variant}";
    }

    private static string? Problem(string? topic)
    {
        if (string.IsNullOrEmpty(topic)) return "it is empty";
        if (topic.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        foreach (var c in topic)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
                return $"character '{c}' is not allowed (lower-case letters, digits, '.' and '-' only)";
        if (topic[0] == '.' || topic[^1] == '.' || topic.Contains("..", StringComparison.Ordinal))
            return "it has an empty component";
        return null;
    }
}
