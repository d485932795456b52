using System.Security.Cryptography;
using RlaifV.Models;
using RlaifV.Stages.Ports;
using RlaifV.World.Pretraining;

namespace RlaifV.World.Tests.Pretraining;

public sealed class WorldPretrainerTests : IDisposable
{
    private readonly string _dir = PretrainTestOptions.NewDirectory();

    [Fact]
    public async Task RunAsync_TinyBudget_WritesLoadableCheckpointsThatSample()
    {
        var progress = new List<PretrainProgress>();
        var report = await WorldPretrainer.RunAsync(PretrainTestOptions.Tiny, _dir, progress.Add);

        Assert.Equal(4, report.Policy.Responses);
        Assert.Contains(progress, p => p is { Phase: "policy", Step: 3, Steps: 3 });
        Assert.Contains(progress, p => p is { Phase: "labeler", Step: 2, Steps: 2 });
        Assert.True(File.Exists(Path.Combine(_dir, "pretrain.json")));
        foreach (var model in new[] { "policy", "labeler" })
        {
            foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "preprocessor_config.json" })
            {
                Assert.True(File.Exists(Path.Combine(_dir, model, file)), $"{model}/{file}");
            }

            using var backend = LlavaBackend.Load(new BackendOptions { Path = Path.Combine(_dir, model), Device = "cpu", Threads = 1 });
            var prompt = PromptSets.HeldOut(1, 2)[1];
            var image = new ImageInput(prompt.Image.Sha256, prompt.Image.Png);
            var sampled = await backend.CreatePolicySampler().SampleAsync([new SamplingRequest(image, prompt.Instruction, 3)], new GenerationSettings { MaxNewTokens = 8 }, CancellationToken.None);
            Assert.Single(sampled);
            Assert.InRange(sampled[0].TokenCount, 0, 8);
            var probe = await backend.CreateYesNoLabeler().ProbeAsync([new YesNoRequest(image, "Is there a red star? Please answer yes or no.")], CancellationToken.None);
            Assert.InRange(probe[0].PYes + probe[0].PNo, 0, 1.0000001);
        }
    }

    [Fact]
    public async Task RunAsync_TinyBudget_ManifestListsEverySha256()
    {
        await WorldPretrainer.RunAsync(PretrainTestOptions.Tiny with { LabelerSteps = 0 }, _dir);

        var lines = File.ReadAllLines(Path.Combine(_dir, WorldPretrainer.ManifestName));
        Assert.Equal(10, lines.Length);
        foreach (var line in lines)
        {
            var parts = line.Split("  ");
            using var stream = File.OpenRead(Path.Combine(_dir, parts[1]));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stream)), parts[0]);
        }
    }

    [Fact]
    public async Task RunAsync_SameSeed_SameWeights()
    {
        var options = PretrainTestOptions.Tiny with { LabelerSteps = 1 };
        string other = PretrainTestOptions.NewDirectory();
        try
        {
            await WorldPretrainer.RunAsync(options, _dir);
            await WorldPretrainer.RunAsync(options, other);

            Assert.Equal(File.ReadAllText(Path.Combine(_dir, WorldPretrainer.ManifestName)), File.ReadAllText(Path.Combine(other, WorldPretrainer.ManifestName)));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
