using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace RlaifV.Deploy.Tests;

/// <summary>
/// The chart's values.yaml and every example under examples/ (merged over values.yaml, as Helm does) against
/// values.schema.json, the check `helm install` makes; and bad values the schema must refuse.
/// </summary>
public class ChartValuesTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Repo.Chart, "values.schema.json")));

    private static JsonObject Defaults => YamlJson.Read(Path.Combine(Repo.Chart, "values.yaml"));

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Chart, "examples"), "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void ValuesYaml_AgainstTheSchema_IsValid() => AssertValid(Defaults, "values.yaml");

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_MergedOverValuesYaml_IsValid(string example)
    {
        var values = YamlJson.Merge(Defaults, YamlJson.Read(Path.Combine(Repo.Chart, "examples", example)));
        AssertValid(values, example);
    }

    [Fact]
    public void Examples_TheIssueNames_ArePresent()
    {
        var names = Directory.GetFiles(Path.Combine(Repo.Chart, "examples"), "*.yaml").Select(Path.GetFileName).ToList();
        foreach (var name in new[] { "sasl-existing-kafka.yaml", "gpu-trainer.yaml", "strimzi-topics.yaml" }) Assert.Contains(name, names);
    }

    [Theory]
    [InlineData("generator: { replicas: 0 }", "/generator/replicas")]
    [InlineData("coordinator: { replicas: 2 }", "/coordinator/replicas")]
    [InlineData("trainer: { replicas: 2 }", "/trainer/replicas")]
    [InlineData("persistence: { checkpoints: { accessModes: [ReadWriteOnce] } }", "/persistence/checkpoints/accessModes")]
    [InlineData("podSecurityContext: { runAsNonRoot: false }", "/podSecurityContext/runAsNonRoot")]
    [InlineData("metrics: { port: 80 }", "/metrics/port")]
    [InlineData("config: { metrics: { port: 9000 } }", "/config/metrics")]
    [InlineData("secret: { values: { \"bad-name\": x } }", "/secret/values")]
    [InlineData("replicas: 3", "/replicas")]
    [InlineData("generator: { replica: 3 }", "/generator")]
    [InlineData("trainer: { gpus: -1 }", "/trainer/gpus")]
    [InlineData("image: { pullPolicy: Sometimes }", "/image/pullPolicy")]
    public void BadValues_AgainstTheSchema_AreRefusedAtTheirPath(string yaml, string location)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, yaml);
            var values = YamlJson.Merge(Defaults, YamlJson.Read(file));
            var result = Evaluate(values);
            Assert.False(result.IsValid, $"the schema accepted {yaml}");
            // values.yaml alone is valid (above), so the change at this path is what made the values invalid; the
            // evaluation must say so at the path (or below it).
            var locations = Failures(result).Select(f => f.Location).Distinct().ToList();
            Assert.True(locations.Any(l => l == location || l.StartsWith(location + "/", StringComparison.Ordinal)),
                $"{yaml}: failures at {string.Join(", ", locations)}, none at {location}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertValid(JsonObject values, string name)
    {
        var result = Evaluate(values);
        Assert.True(result.IsValid, $"{name}: " + string.Join("; ", Failures(result).Select(f => $"{f.Location}: {f.Message}")));
    }

    private static EvaluationResults Evaluate(JsonObject values)
    {
        using var doc = JsonDocument.Parse(values.ToJsonString());
        return Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static IEnumerable<(string Location, string Message)> Failures(EvaluationResults result) =>
        (result.Details ?? []).Prepend(result).Where(d => !d.IsValid)
            .SelectMany(d => d.Errors is { Count: > 0 } errors
                ? errors.Select(e => (d.InstanceLocation.ToString(), $"{e.Key}: {e.Value}"))
                : [(d.InstanceLocation.ToString(), $"{d.SchemaLocation}")]);
}
