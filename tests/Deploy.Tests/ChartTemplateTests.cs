using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RlaifV.Deploy.Tests;

/// <summary>
/// What can be checked in the chart's templates without helm: every value a template reads exists in values.yaml,
/// every include names a define, every file read exists, every block is closed. Left unverified without helm: the
/// rendered YAML itself (indentation, quoting), Kubernetes' schemas, sprig function names and argument types, and
/// values read through computed keys (index .Values.persistence $volume, index $.Values $role) beyond the
/// literal lists they range over, which are checked below.
/// </summary>
public partial class ChartTemplateTests
{
    private static readonly string Templates = Path.Combine(Repo.Chart, "templates");

    private static IReadOnlyDictionary<string, string> Files() =>
        Directory.GetFiles(Templates).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    private static JsonObject Values => YamlJson.Read(Path.Combine(Repo.Chart, "values.yaml"));

    [Fact]
    public void Templates_EveryValuesPath_ExistsInValuesYaml()
    {
        var values = Values;
        var problems = new List<string>();
        foreach (var (file, text) in Files())
        {
            foreach (Match m in ValuesPath().Matches(text))
            {
                var path = m.Groups[1].Value.TrimStart('.').Split('.');
                if (Resolve(values, path) is { } missing) problems.Add($"{file}: .Values.{string.Join('.', path)} ({missing})");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct()));
    }

    [Fact]
    public void DeploymentTemplate_EveryRoleValue_ExistsForEveryRole()
    {
        // _deployment.tpl reads a role's values as $v (coordinator, generator, trainer); gpus is read for the trainer only.
        var values = Values;
        var text = File.ReadAllText(Path.Combine(Templates, "_deployment.tpl"));
        var keys = RoleValue().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("replicas", keys);
        var problems = new List<string>();
        foreach (var role in new[] { "coordinator", "generator", "trainer" })
        {
            foreach (var key in keys)
            {
                if (key == "gpus" && role != "trainer") continue;
                if (Resolve(values, [role, key]) is { } missing) problems.Add($"$v.{key} for {role}: {missing}");
            }
            Assert.Contains($"\"{role}\"", text + File.ReadAllText(Path.Combine(Templates, role + ".yaml")), StringComparison.Ordinal);
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void IndexedTemplates_EveryVolumeAndStrimziValue_ExistsInValuesYaml()
    {
        var values = Values;
        var problems = new List<string>();
        foreach (var (file, variable, parents) in new[]
                 {
                     ("pvc.yaml", "$p", new[] { "persistence.models", "persistence.checkpoints" }),
                     ("_helpers.tpl", "$p", new[] { "persistence.models", "persistence.checkpoints" }),
                     ("kafkatopics.yaml", "$s", new[] { "strimzi" }),
                 })
        {
            var text = File.ReadAllText(Path.Combine(Templates, file));
            foreach (Match m in Regex.Matches(text, Regex.Escape(variable) + @"\.([A-Za-z_][A-Za-z0-9_]*)"))
            {
                foreach (var parent in parents)
                {
                    if (Resolve(values, [.. parent.Split('.'), m.Groups[1].Value]) is { } missing)
                        problems.Add($"{file}: {variable}.{m.Groups[1].Value} under {parent}: {missing}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct()));
    }

    [Fact]
    public void Templates_EveryInclude_NamesADefine()
    {
        var files = Files();
        var defines = files.Values.SelectMany(t => Define().Matches(t).Select(m => m.Groups[1].Value)).ToHashSet();
        var missing = files.SelectMany(f => Include().Matches(f.Value).Select(m => (f.Key, m.Groups[1].Value)))
            .Where(i => !defines.Contains(i.Value)).Select(i => $"{i.Key}: include \"{i.Value}\"").ToList();
        Assert.Empty(missing);
        Assert.Contains("rlaifv.fullname", defines);
        Assert.Contains("rlaifv.labels", defines);
        Assert.Contains("rlaifv.selectorLabels", defines);
    }

    [Fact]
    public void Templates_EveryFileTheyRead_IsInTheChart()
    {
        foreach (var (file, text) in Files())
        {
            foreach (Match m in FilesGet().Matches(text))
                Assert.True(File.Exists(Path.Combine(Repo.Chart, m.Groups[1].Value)), $"{file}: .Files.Get \"{m.Groups[1].Value}\" is not in the chart");
            foreach (Match m in FilesGlob().Matches(text))
            {
                var glob = m.Groups[1].Value;
                var dir = Path.Combine(Repo.Chart, Path.GetDirectoryName(glob)!);
                Assert.True(Directory.Exists(dir) && Directory.GetFiles(dir, Path.GetFileName(glob)).Length > 0, $"{file}: .Files.Glob \"{glob}\" matches nothing");
            }
        }
    }

    [Fact]
    public void Templates_EveryBlock_IsClosedAndEveryActionBalanced()
    {
        foreach (var (file, text) in Files())
        {
            Assert.True(Count(text, "{{") == Count(text, "}}"), $"{file}: unbalanced {{{{ }}}}");
            var opened = Opening().Count(text);
            var closed = End().Count(text);
            Assert.True(opened == closed, $"{file}: {opened} if/range/with/define blocks, {closed} ends");
        }
    }

    [Fact]
    public void Chart_RendersEveryResourceTheIssueNames()
    {
        var all = string.Join('\n', Files().Values);
        foreach (var kind in new[] { "kind: Deployment", "kind: ConfigMap", "kind: Secret", "kind: PersistentVolumeClaim", "kind: Service", "kind: ServiceMonitor", "kind: PrometheusRule", "kind: KafkaTopic", "kind: ServiceAccount" })
            Assert.Contains(kind, all, StringComparison.Ordinal);
        foreach (var needle in new[] { "checksum/config", "nvidia.com/gpu", "startupProbe", "livenessProbe", "readinessProbe", "terminationGracePeriodSeconds", "cleanup.policy: compact", "existingClaim", "existingSecret", "secretRef" })
            Assert.Contains(needle, all, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Templates, "NOTES.txt")));
        Assert.True(File.Exists(Path.Combine(Repo.Chart, "values.schema.json")));
    }

    /// <summary>Null when <paramref name="path"/> exists under <paramref name="values"/> (or under a free-form map there); else why not.</summary>
    private static string? Resolve(JsonObject values, IReadOnlyList<string> path)
    {
        JsonNode? node = values;
        for (var i = 0; i < path.Count; i++)
        {
            if (node is not JsonObject map) return $"{string.Join('.', path.Take(i))} is not a map";
            // An empty map in values.yaml is free-form (labels, annotations, config): any key below it is the user's.
            if (map.Count == 0 && i > 0) return null;
            if (!map.TryGetPropertyValue(path[i], out node)) return $"no key {path[i]} under {(i == 0 ? "the root" : string.Join('.', path.Take(i)))}";
        }
        return null;
    }

    private static int Count(string text, string needle) => Regex.Count(text, Regex.Escape(needle));

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesPath();

    [GeneratedRegex(@"\$v\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex RoleValue();

    [GeneratedRegex(@"define\s+""([^""]+)""")]
    private static partial Regex Define();

    [GeneratedRegex(@"include\s+""([^""]+)""")]
    private static partial Regex Include();

    [GeneratedRegex(@"\.Files\.Get\s+""([^""]+)""")]
    private static partial Regex FilesGet();

    [GeneratedRegex(@"\.Files\.Glob\s+""([^""]+)""")]
    private static partial Regex FilesGlob();

    [GeneratedRegex(@"\{\{-?\s*(if|range|with|define)\b")]
    private static partial Regex Opening();

    [GeneratedRegex(@"\{\{-?\s*end\s*-?\}\}")]
    private static partial Regex End();
}
