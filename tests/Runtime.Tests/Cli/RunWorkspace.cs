using RlaifV.GeneratorHost;
using RlaifV.TestKit;

namespace RlaifV.Runtime.Tests.Cli;

/// <summary>A workspace for <c>rlaifv run</c> with the model and training doubles: prompts, the start checkpoint, the config.</summary>
internal static class RunWorkspace
{
    /// <summary>
    /// Writes <paramref name="promptRounds"/> rounds of <paramref name="perRound"/> prompts (ids q{round}-{i}), the start
    /// checkpoint (share 0.5) and a config of <paramref name="rounds"/> rounds under <paramref name="dir"/>; returns the config's path.
    /// </summary>
    public static string Write(TempDir dir, int rounds, int perRound, int promptRounds)
    {
        Directory.CreateDirectory(dir.File("images"));
        File.WriteAllBytes(dir.File("images/a.png"), Png.Solid(8, 8));
        File.WriteAllLines(dir.File("prompts.jsonl"), Enumerable.Range(0, promptRounds).SelectMany(r => Enumerable.Range(0, perRound).Select(i =>
            $$"""{"id":"q{{r}}-{{i:D3}}","instruction":"Describe this image in detail.","image_path":"a.png"}""")));
        ShapesRun.WriteCheckpoint(dir.File("start"), 0.5, 0);
        var config = dir.File("pipeline.yaml");
        File.WriteAllText(config, $$"""
            run: { rounds: {{rounds}}, prompts_per_round: {{perRound}}, global_seed: 7 }
            input: { path: prompts.jsonl }
            ingest: { image_root: images }
            sampling: { n: 8, batch: { size: 8, flush_ms: 20 } }
            claims: { batch: { size: 32, flush_ms: 20 } }
            questions: { batch: { size: 32, flush_ms: 20 } }
            labeler: { batch: { size: 32, flush_ms: 20 } }
            output: { dir: out }
            metrics: { enabled: false }
            models: { policy: { path: start } }
            training: { checkpoints_dir: checkpoints, min_pairs: 1 }
            kafka: { partitions: 2, session_timeout_ms: 2000 }
            """);
        return config;
    }
}
