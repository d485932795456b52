using System.Text.Json;
using RlaifV.Runtime.Cli;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.TestKit;
using RlaifV.World.Experiments;
using Xunit.Abstractions;

namespace RlaifV.Runtime.Tests;

/// <summary>
/// The built-in world with policy and labeler both <c>backend: openai</c>, pointed at two <c>rlaifv serve</c> child
/// processes started here.
/// </summary>
[Collection(RlaifV.Runtime.Tests.Cli.WorldRuns.Name)]
public class ServeWorldTests(ITestOutputHelper output)
{
    private static string Root()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RlaifV.sln"))) root = Path.GetDirectoryName(root)!;
        return root;
    }

    private static string Weights(string model) => Path.Combine(Root(), "src", "World", "Weights", model);

    private static PipelineOptions WorldConfig(string models, string outDir)
    {
        var yaml = File.ReadAllText(Path.Combine(Root(), "pipeline.yaml"));
        yaml = yaml[..yaml.IndexOf("\nmodels:", StringComparison.Ordinal)] + "\n" + models + yaml[yaml.IndexOf("\ntraining:", StringComparison.Ordinal)..];
        var options = ConfigLoader.Parse(yaml.Replace("dir: out", "dir: " + outDir, StringComparison.Ordinal));
        return ConfigLoader.Resolve(options, Root());
    }

    /// <summary>One round's prompts through the graph with the models the configuration names; every prompt's results, by prompt id.</summary>
    private static async Task<IReadOnlyList<PromptResult>> RoundAsync(PipelineOptions options, int prompts)
    {
        using var models = ModelFactory.Build(options);
        var stages = options.ToStageOptions();
        var metrics = new PipelineMetrics();
        var accounting = new PromptAccounting(metrics);
        var sink = new MemoryResultSink();
        var deadLetters = new MemoryDeadLetterSink();
        using var abort = new CancellationTokenSource();
        var topology = Topology.Build(stages, models, sink, new DeadLetters(deadLetters, metrics), accounting, metrics, abort.Token);
        await PipelineRunner.RunAsync(new WorldRounds(options.World, prompts, options.Sampling.MaxNewTokens).Open(0), topology, accounting, abort, CancellationToken.None);
        Assert.Empty(deadLetters.Letters);
        return sink.Results.OrderBy(r => r.Source.Prompt.Id, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task SmallRound_OneRowPerForwardPassOnBothSides_CandidatesVerdictsAndPairsAsInProcess()
    {
        using var dir = new TempDir();
        using var policy = await ServeChild.StartAsync("--model", Weights("policy"), "--max-batch-rows", "1");
        using var labeler = await ServeChild.StartAsync("--model", Weights("labeler"), "--max-batch-rows", "1");
        var local = WorldConfig("""
            models:
              policy: { backend: llava, path: src/World/Weights/policy, batch_size: 1, threads: 1 }
              labeler: { backend: llava, path: src/World/Weights/labeler, batch_size: 1, threads: 1 }
            """, dir.File("local")) with { };
        var remote = WorldConfig($$"""
            models:
              policy: { backend: openai, base_url: "{{policy.BaseUrl}}", model: policy, max_concurrency: 8 }
              labeler: { backend: openai, base_url: "{{labeler.BaseUrl}}", model: labeler, max_concurrency: 8 }
            """, dir.File("remote"));
        local = local with { Sampling = local.Sampling with { N = 4 } };
        remote = remote with { Sampling = remote.Sampling with { N = 4 } };
        const int prompts = 10;

        var expected = await RoundAsync(local, prompts);
        var actual = await RoundAsync(remote, prompts);

        Assert.Equal(prompts, expected.Count);
        Assert.Equal(expected.Select(r => r.Source.Prompt.Id), actual.Select(r => r.Source.Prompt.Id));
        for (var p = 0; p < prompts; p++)
        {
            var (e, a) = (expected[p], actual[p]);
            Assert.Equal(e.Scored.Count, a.Scored.Count);
            foreach (var (x, y) in e.Scored.OrderBy(s => s.Candidate.Index).Zip(a.Scored.OrderBy(s => s.Candidate.Index)))
            {
                Assert.Equal((x.Candidate.Id, x.Candidate.Seed, x.Candidate.Text, x.Candidate.TokenCount), (y.Candidate.Id, y.Candidate.Seed, y.Candidate.Text, y.Candidate.TokenCount));
                Assert.Equal(x.Score, y.Score);
                Assert.Equal(x.Verdicts.Select(v => (v.Claim, v.Question, v.Accepted)), y.Verdicts.Select(v => (v.Claim, v.Question, v.Accepted)));
                foreach (var (vx, vy) in x.Verdicts.Zip(y.Verdicts))
                {
                    // In-process P(yes) is the labeler tokenizer's "yes" + "Yes"; remotely every spelling among the 20 most
                    // likely tokens counts, so the two differ by the mass of the other spellings only.
                    Assert.Equal(vx.PYes, vy.PYes, 4);
                    Assert.Equal(vx.PNo, vy.PNo, 4);
                }
            }
            Assert.Equal(e.Pairs.Select(q => (q.Id, q.Chosen, q.Rejected)), a.Pairs.Select(q => (q.Id, q.Chosen, q.Rejected)));
        }
        Assert.True(expected.Sum(r => r.Pairs.Count) > 0, "the round made no pairs to compare");
        var gap = expected.SelectMany(r => r.Scored).SelectMany(s => s.Verdicts).Zip(actual.SelectMany(r => r.Scored).SelectMany(s => s.Verdicts))
            .Max(v => Math.Max(Math.Abs(v.First.PYes - v.Second.PYes), Math.Abs(v.First.PNo - v.Second.PNo)));
        output.WriteLine($"{expected.Sum(r => r.Scored.Count)} candidates, {expected.Sum(r => r.Scored.Sum(s => s.Verdicts.Count))} verdicts, {expected.Sum(r => r.Pairs.Count)} pairs identical; largest P(yes)/P(no) difference {gap:G3}");
    }

    [Fact]
    public async Task MainJob_TwoShortRounds_PolicyAndLabelerOnServers_TrainsAndServesEachRoundsPolicy()
    {
        using var dir = new TempDir();
        var checkpoints = dir.File("out/checkpoints");
        Directory.CreateDirectory(checkpoints);
        using var policy = await ServeChild.StartAsync("--model", Weights("policy"), "--served-model-name", "round-0000", "--checkpoints", checkpoints);
        using var labeler = await ServeChild.StartAsync("--model", Weights("labeler"));
        var yaml = File.ReadAllText(Path.Combine(Root(), "pipeline.yaml"));
        yaml = yaml[..yaml.IndexOf("\nmodels:", StringComparison.Ordinal)] + $$"""

            models:
              policy: { backend: openai, base_url: "{{policy.BaseUrl}}", model: "round-{round:D4}", path: {{Weights("policy")}}, wait_timeout: 60 }
              labeler: { backend: openai, base_url: "{{labeler.BaseUrl}}", model: labeler }
            """ + yaml[yaml.IndexOf("\ntraining:", StringComparison.Ordinal)..];
        File.WriteAllText(dir.File("pipeline.yaml"), yaml);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["run", "--config", dir.File("pipeline.yaml"), "--rounds", "2", "--prompts-per-round", "24", "--held-out", "16"], stdout, stderr);
        output.WriteLine(stderr.ToString());
        output.WriteLine(stdout.ToString());
        output.WriteLine(policy.Log);
        Assert.Equal(0, code);

        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json")));
        var rounds = summary.RootElement.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(3, rounds.Count);
        Assert.All(rounds.Skip(1), r =>
        {
            Assert.True(r.GetProperty("pairs").GetInt64() > 0);
            Assert.InRange(r.GetProperty("labeler_agreement").GetDouble(), 0.8, 1);
        });
        // Round 1 sampled with policy 1, which the policy server found in the run's checkpoints folder.
        Assert.Contains("Loaded model round-0001", policy.Log, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("out/checkpoints/round-0002/model.safetensors")));
    }
}
