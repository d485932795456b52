namespace RlaifV.Deploy.Tests;

/// <summary>The dashboards' structure: importable, the template variables, one data source variable on every query.</summary>
public class DashboardTests
{
    [Fact]
    public void Dashboards_PipelineTrainingKafkaProcess_AllPresentWithUniqueUids()
    {
        var all = Dashboard.All();
        Assert.Equal(["rlaifv-kafka.json", "rlaifv-pipeline.json", "rlaifv-process.json", "rlaifv-training.json"], all.Select(d => d.File));
        Assert.Equal(all.Count, all.Select(d => d.Root.GetProperty("uid").GetString()).Distinct().Count());
    }

    [Fact]
    public void Dashboards_EachOne_HasInputsAndTheTemplateVariables()
    {
        foreach (var d in Dashboard.All())
        {
            var inputs = d.Root.GetProperty("__inputs").EnumerateArray().ToList();
            Assert.Contains(inputs, i => i.GetProperty("pluginId").GetString() == "prometheus");
            var variables = d.Variables;
            foreach (var name in new[] { "datasource", "namespace", "job", "instance", "round" }) Assert.True(variables.ContainsKey(name), $"{d.File}: no variable {name}");
            Assert.Equal("datasource", variables["datasource"].GetProperty("type").GetString());
            foreach (var name in new[] { "namespace", "job", "instance", "round" })
                Assert.Equal(".*", variables[name].GetProperty("allValue").GetString());
        }
    }

    [Fact]
    public void Dashboards_EveryPanel_UsesTheDatasourceVariableAndTheScopeVariables()
    {
        foreach (var d in Dashboard.All())
        {
            var panels = d.Root.GetProperty("panels").EnumerateArray().ToList();
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var p in panels)
            {
                Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString());
                Assert.NotEmpty(p.GetProperty("targets").EnumerateArray());
            }
            foreach (var (panel, refId, expr) in d.Queries)
            {
                foreach (var v in new[] { "$namespace", "$job", "$instance" })
                    Assert.True(expr.Contains(v, StringComparison.Ordinal), $"{d.File} / {panel} / {refId} does not filter by {v}: {expr}");
            }
        }
    }

    [Fact]
    public void Dashboards_Together_CoverTrainingKafkaAndProcessMetrics()
    {
        var exprs = string.Join('\n', Dashboard.All().SelectMany(d => d.Queries).Select(q => q.Expr));
        foreach (var metric in new[]
                 {
                     "rlaifv_train_loss", "rlaifv_train_reward_margin", "rlaifv_train_reward_accuracy", "rlaifv_train_learning_rate",
                     "rlaifv_train_tokens_per_second", "rlaifv_kafka_consumer_lag", "rlaifv_kafka_messages_produced_total",
                     "rlaifv_kafka_messages_consumed_total", "rlaifv_dead_letters_total", "process_cpu_seconds_total",
                     "process_working_set_bytes", "dotnet_collection_count_total", "dotnet_total_memory_bytes",
                 })
            Assert.Contains(metric, exprs, StringComparison.Ordinal);
    }
}
