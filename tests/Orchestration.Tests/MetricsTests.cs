using System.Diagnostics;
using RlaifV.Stages.Flow;
using RlaifV.TestKit;

namespace RlaifV.Orchestration.Tests;

public class MetricsTests
{
    [Fact]
    public async Task Exposition_AfterRun_HasConventionalNamesAndCounts()
    {
        using var dir = new TempDir();
        var metrics = new PipelineMetrics();
        var items = Enumerable.Range(0, 12).Select(i => Items.Ingest($"p{i}", i)).Append(new IngestItem
        {
            Ticket = new PromptTicket("x:99", 99), ParseReason = "malformed", ParseError = "bad", Raw = "{",
        });
        await GenerationJob.RunAsync(Graphs.Stages(n: 3), Graphs.Output(dir.Path), Harness.Models(), new MemorySource(items), metrics, null, CancellationToken.None);

        using var ms = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(ms);
        var text = System.Text.Encoding.UTF8.GetString(ms.ToArray());
        Assert.Contains("rlaifv_stage_items_in_total{stage=\"sample\"} 12", text);
        Assert.Contains("rlaifv_candidates_total{round=\"1\"} 36", text);
        Assert.Contains("rlaifv_dead_letters_total{stage=\"ingest\",reason=\"malformed\"} 1", text);
        Assert.Contains("rlaifv_prompts_total{outcome=\"processed\"} 12", text);
        Assert.Contains("rlaifv_stage_batch_duration_seconds_bucket{stage=\"verify\"", text);
        Assert.Contains("rlaifv_stage_queue_depth{stage=\"extract\"}", text);
        Assert.Matches("rlaifv_claims_total\\{verdict=\"accepted\"\\} [1-9]", text);
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("# TYPE", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ');
            Assert.StartsWith("rlaifv_", parts[2]);
            if (parts[3] == "counter") Assert.EndsWith("_total", parts[2]);
        }

        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);
        if (promtool is null) return; // .ci/run installs Debian's prometheus; elsewhere the structural checks above stand
        var psi = new ProcessStartInfo(promtool, "check metrics") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        await p.StandardInput.WriteAsync(text);
        p.StandardInput.Close();
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"promtool: {err}");
    }
}
