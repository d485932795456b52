using System.Text.Json;
using RlaifV.Runtime.Cli;
using RlaifV.Training.Tests;

namespace RlaifV.Runtime.Tests;

public sealed class TrainCommandTests : IClassFixture<TinyTrainingFixture>
{
    private readonly TinyTrainingFixture _fixture;

    public TrainCommandTests(TinyTrainingFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task RunAsync_TrainThenBon_WritesNextRoundAndRanksCandidates()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            await TrainingTestData.WriteRoundAsync(Path.Combine(dir, "out", "pairs", "rlaifv"), round: 0);
            string config = Path.Combine(dir, "pipeline.yaml");
            await File.WriteAllTextAsync(config, $$"""
                output:
                  dir: out
                metrics:
                  enabled: false
                sampling:
                  max_new_tokens: 5
                models:
                  policy: { backend: llava, path: "{{_fixture.Directory}}", device: cpu, threads: 1, batch_size: 4 }
                training:
                  checkpoints_dir: checkpoints
                  learning_rate: 0.001
                  epochs: 2
                  global_batch: 2
                  micro_batch: 2
                  min_pairs: 2
                  bon_n: 3
                  lora: { enabled: true, rank: 2 }
                """);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = await CommandLine.RunAsync(["train", "--config", config, "--round", "0"], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            string next = Path.Combine(dir, "checkpoints", "round-0001");
            Assert.True(File.Exists(Path.Combine(next, "model.safetensors")));
            Assert.Contains("round 1 policy:", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("6 computed", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("lora(r=2, alpha=16", stderr.ToString(), StringComparison.Ordinal);

            string image = Path.Combine(dir, "image.png");
            await File.WriteAllBytesAsync(image, TrainingTestData.Png(3));
            stdout = new StringWriter();
            code = await CommandLine.RunAsync(["bon", "--config", config, "--image", image, "--prompt", "Describe this image.", "--aligned", next, "--reference", _fixture.Directory], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(3, lines.Count);
            Assert.True(lines[0].GetProperty("best").GetBoolean());
            Assert.True(lines[0].GetProperty("reward").GetDouble() >= lines[2].GetProperty("reward").GetDouble());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_BadTrainingSetting_ExitsWithKeyAndAllowedValues()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            string config = Path.Combine(dir, "pipeline.yaml");
            await File.WriteAllTextAsync(config, "training:\n  trainable: [vision, projector]\n  micro_batch: 9\n  unknown_key: 1\n");
            var stderr = new StringWriter();
            int code = await CommandLine.RunAsync(["train", "--config", config], new StringWriter(), stderr);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains("unknown_key", stderr.ToString(), StringComparison.Ordinal);
            await File.WriteAllTextAsync(config, "training:\n  trainable: [vision, projector]\n  micro_batch: 9\n");
            stderr = new StringWriter();
            Assert.Equal(ExitCodes.Usage, await CommandLine.RunAsync(["train", "--config", config], new StringWriter(), stderr));
            Assert.Contains("training.trainable[] = vision", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("training.micro_batch = 9", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
