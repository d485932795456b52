using System.Globalization;
using System.Text;
using RlaifV.World;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace RlaifV.Deploy.Tests;

/// <summary>
/// Every dashboard query against Debian's Prometheus after it scraped a real, short <c>rlaifv run</c> (the published
/// program, the world's shipped models, one round, a prompts file with bad records so the dead-letter panels have data).
/// </summary>
[Collection(PublishedAppCollection.Name)]
public class DashboardQueryTests(PublishedApp app, ITestOutputHelper output)
{
    /// <summary>
    /// Queries that may return nothing in this run, with the reason. Everything else must return at least one series.
    /// </summary>
    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal)
    {
        ["rlaifv_backend_requests_total"] = "remote backends only (issue #15); this run uses the in-process LLaVA backend",
        ["rlaifv_backend_request_duration_seconds_bucket"] = "remote backends only (issue #15); this run uses the in-process LLaVA backend",
        ["rlaifv_backend_errors_total"] = "remote backends only (issue #15), and only on errors",
        ["rlaifv_backend_tokens_total"] = "remote backends only (issue #15); this run uses the in-process LLaVA backend",
        ["rlaifv_serve_"] = "rlaifv serve's metrics (the model server, issue #15); rlaifv run serves no model",
        ["rlaifv_train_dead_letters_total"] = "a series appears only with a pair the trainer cannot use; every pair of this run is usable",
    };

    [SkippableFact]
    public async Task EveryDashboardQuery_AgainstPrometheusScrapingARun_ReturnsSeries()
    {
        var binary = Repo.Tool("prometheus", "/usr/bin/prometheus");
        Skip.If(binary is null, "prometheus is not installed (Debian's prometheus package; .ci/run installs it): the dashboard queries were not run");

        var work = app.NewWorkFolder("scraped-run");
        var port = Prometheus.FreePort();
        var prompts = WritePrompts(work);
        WriteConfig(work, port, prompts);

        await using var prometheus = await Prometheus.StartAsync(binary, port);
        using var run = ChildProcess.Start(app.Program, ["run", "--config", "pipeline.yaml"], work, asNobody: true,
            new Dictionary<string, string> { ["HOME"] = work });
        try
        {
            // The run ends by itself and then keeps serving its final values (metrics.linger_seconds); wait for the end
            // and for two scrapes after it, so every metric of the run is in Prometheus.
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (!run.Log.Contains("wrote ", StringComparison.Ordinal))
            {
                Assert.False(run.Process.HasExited, $"rlaifv run exited {(run.Process.HasExited ? run.Process.ExitCode : 0)} before lingering:\n{run.Log}");
                Assert.True(DateTime.UtcNow < deadline, "rlaifv run did not finish in 10 minutes:\n" + run.Log);
                await Task.Delay(500);
            }
            var finished = DateTimeOffset.UtcNow;
            while (await ScrapesSince(prometheus, finished) < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "prometheus did not scrape the finished run:\n" + prometheus.Log);
                await Task.Delay(500);
            }
            var at = DateTimeOffset.UtcNow;

            var failures = new List<string>();
            var queried = 0;
            var stale = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var dashboard in Dashboard.All())
            {
                foreach (var (panel, refId, expr) in dashboard.Queries)
                {
                    var promql = Dashboard.Substitute(expr, "20s");
                    var series = await prometheus.QueryAsync(promql, at);
                    queried++;
                    var excused = Empty.Keys.FirstOrDefault(m => expr.Contains(m, StringComparison.Ordinal));
                    output.WriteLine($"{dashboard.File} / {panel} / {refId}: {series.Count} series{(excused is null ? string.Empty : $" (may be empty: {Empty[excused]})")}");
                    if (series.Count == 0 && excused is null) failures.Add($"{dashboard.File} / {panel} / {refId}: no series for {promql}");
                    if (series.Count > 0 && excused is not null) stale.Add(excused);
                }
            }
            Assert.True(queried >= 40, $"only {queried} queries found");
            // An exception whose metric now has data is no longer needed: say so, so it is removed (e.g. when #13 lands).
            foreach (var metric in stale) output.WriteLine($"NOTE: {metric} returned series; its entry in Empty is no longer needed");

            // The variables' queries, as Grafana's label_values asks them: job, instance and round have values here
            // (namespace is a Kubernetes label; outside a cluster it has none).
            foreach (var (label, match) in new[] { ("job", "{__name__=~\"rlaifv_.+\"}"), ("instance", "{__name__=~\"rlaifv_.+\"}"), ("round", "rlaifv_pairs_total") })
            {
                var values = await prometheus.LabelValuesAsync(label, match);
                output.WriteLine($"variable {label}: {string.Join(", ", values)}");
                if (values.Count == 0) failures.Add($"variable {label}: no values for {match}");
            }
            // The dead-letter panels show the bad records by stage and reason.
            var deadLetters = await prometheus.QueryAsync("sum by (reason) (rlaifv_dead_letters_total)", at);
            output.WriteLine("dead letters: " + string.Join(", ", deadLetters.Select(s => s.GetProperty("metric").GetProperty("reason").GetString())));
            Assert.True(deadLetters.Count >= 2, "the bad records' reasons are not in rlaifv_dead_letters_total:\n" + run.Log);
            Assert.True(failures.Count == 0, string.Join('\n', failures) + "\n" + run.Log);

            // A stop request ends the linger at once and the run exits 0.
            Assert.Equal(0, await run.TerminateAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            output.WriteLine(run.Log);
        }
    }

    private static async Task<int> ScrapesSince(Prometheus prometheus, DateTimeOffset since)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((DateTimeOffset.UtcNow - since).TotalSeconds));
        var result = await prometheus.QueryAsync($"count_over_time(rlaifv_train_loss[{seconds}s])", DateTimeOffset.UtcNow);
        return result.Count == 0 ? 0 : (int)double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>24 of the world's prompts and 4 bad records (not JSON, invalid image, no instruction, a repeated id).</summary>
    private static int WritePrompts(string work)
    {
        var good = PromptSets.TrainingRound(20240527, 0, 24);
        var text = new StringBuilder();
        using (var writer = new StringWriter(text)) PromptSets.WriteJsonl(good, writer);
        text.Append("{not json\n");
        text.Append("{\"id\":\"bad-image\",\"instruction\":\"Describe this image.\",\"image\":\"!!not base64!!\"}\n");
        text.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"bad-no-instruction\",\"image\":\"{Convert.ToBase64String(good[0].Image.Png)}\"}}\n");
        text.Append(good[1].ToJsonLine()).Append('\n');
        File.WriteAllText(Path.Combine(work, "prompts.jsonl"), text.ToString());
        return good.Count + 4;
    }

    /// <summary>The published pipeline.yaml (the main job's models), changed to one round of the prompts file, a free metrics port and a linger.</summary>
    private void WriteConfig(string work, int port, int prompts)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(app.Folder, "pipeline.yaml")))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var weights = Path.Combine(app.Folder, "src", "World", "Weights");
        Set(root, "run.rounds", "1");
        Set(root, "run.prompts_per_round", prompts.ToString(CultureInfo.InvariantCulture));
        Set(root, "input.source", "file");
        Set(root, "input.path", "prompts.jsonl");
        Set(root, "sampling.n", "4");
        Set(root, "pairing.length_balance_window", "8");
        Set(root, "metrics.port", port.ToString(CultureInfo.InvariantCulture));
        Set(root, "metrics.linger_seconds", "600");
        Set(root, "models.policy.path", Path.Combine(weights, "policy"));
        Set(root, "models.labeler.path", Path.Combine(weights, "labeler"));
        Set(root, "training.min_pairs", "1");
        using var writer = new StreamWriter(Path.Combine(work, "pipeline.yaml"));
        yaml.Save(writer, assignAnchors: false);
    }

    private static void Set(YamlMappingNode root, string path, string value)
    {
        var keys = path.Split('.');
        var node = root;
        foreach (var key in keys[..^1]) node = (YamlMappingNode)node.Children[new YamlScalarNode(key)];
        Assert.True(node.Children.ContainsKey(new YamlScalarNode(keys[^1])), $"pipeline.yaml has no {path}");
        node.Children[new YamlScalarNode(keys[^1])] = new YamlScalarNode(value);
    }
}
