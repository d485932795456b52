using System.Text.Json;
using System.Text.RegularExpressions;

namespace RlaifV.Deploy.Tests;

/// <summary>A Grafana dashboard file: its panels' queries and its template variables.</summary>
internal sealed partial class Dashboard
{
    private Dashboard(string file, JsonElement root)
    {
        File = file;
        Root = root;
    }

    /// <summary>The file's name.</summary>
    public string File { get; }

    /// <summary>The JSON.</summary>
    public JsonElement Root { get; }

    /// <summary>Every query: (panel title, refId, PromQL as written).</summary>
    public IEnumerable<(string Panel, string RefId, string Expr)> Queries =>
        Root.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()
            .Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("refId").GetString()!, t.GetProperty("expr").GetString()!)));

    /// <summary>The template variables by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Variables =>
        Root.GetProperty("templating").GetProperty("list").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => v);

    /// <summary>Reads every dashboard of the chart.</summary>
    public static IReadOnlyList<Dashboard> All() =>
        Repo.Dashboards.Select(f => new Dashboard(Path.GetFileName(f), JsonDocument.Parse(System.IO.File.ReadAllText(f)).RootElement.Clone())).ToList();

    /// <summary>
    /// <paramref name="expr"/> with the template variables as Grafana substitutes them when "All" is chosen (the
    /// variables' allValue, <c>.*</c>) and <c>$__rate_interval</c> as <paramref name="rateInterval"/>.
    /// </summary>
    public static string Substitute(string expr, string rateInterval) =>
        VariablePattern().Replace(expr.Replace("$__rate_interval", rateInterval, StringComparison.Ordinal), ".*");

    [GeneratedRegex(@"\$\{?(namespace|job|instance|round)\}?")]
    private static partial Regex VariablePattern();
}
