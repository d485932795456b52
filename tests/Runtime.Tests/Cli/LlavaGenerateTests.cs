using Microsoft.ML.Tokenizers;
using RlaifV.Models;
using RlaifV.Runtime.Cli;
using RlaifV.Stages.Sinks;
using RlaifV.TestKit;

namespace RlaifV.Runtime.Tests;

/// <summary>The CLI's generate verb on the real TorchSharp backend: a tiny random LLaVA checkpoint as policy and labeler.</summary>
public class LlavaGenerateTests
{
    [Fact]
    public async Task Generate_TinyLlavaCheckpoint_ProcessesEveryPromptThroughTheRealModels()
    {
        using var dir = new TempDir();
        var tokenizer = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tokenizer.model");
        int vocab;
        await using (var stream = File.OpenRead(tokenizer)) vocab = SentencePieceTokenizer.Create(stream).Vocabulary.Count;
        var checkpoint = Directory.CreateDirectory(dir.File("tiny-llava")).FullName;
        RandomCheckpoint.CreateLlava(checkpoint, RandomCheckpoint.TinyConfig(vocab), tokenizer, seed: 11);

        Directory.CreateDirectory(dir.File("images"));
        for (var i = 0; i < 3; i++) File.WriteAllBytes(dir.File($"images/{i}.png"), Png.Solid(20 + i, 16, (byte)(60 * i), 90, 200));
        File.WriteAllLines(dir.File("prompts.jsonl"), Enumerable.Range(0, 3).Select(i =>
            $$"""{"id":"p{{i}}","instruction":"Describe this image in detail.","image_path":"{{i}}.png"}"""));
        File.WriteAllText(dir.File("pipeline.yaml"), """
            input: { path: prompts.jsonl }
            ingest: { image_root: images }
            sampling: { n: 3, max_new_tokens: 8 }
            output: { dir: out }
            metrics: { enabled: false }
            models:
              policy: { backend: llava, path: tiny-llava, device: cpu, threads: 1, model_id: tiny-policy }
              labeler: { backend: llava, path: tiny-llava, device: cpu, threads: 1, model_id: tiny-policy }
            """);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["generate", "--config", dir.File("pipeline.yaml")], stdout, stderr);

        Assert.True(code == ExitCodes.Ok, stderr.ToString());
        Assert.Contains("done: 3 prompts processed, 0 rejected", stdout.ToString());
        Assert.Empty(JsonlDeadLetterSink.ReadAll(dir.File("out/dead-letters.jsonl")));
    }
}
