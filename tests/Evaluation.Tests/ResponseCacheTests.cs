using RlaifV.Stages.Ports;
using RlaifV.TestKit;

namespace RlaifV.Evaluation.Tests;

public sealed class ResponseCacheTests
{
    [Fact]
    public async Task GetOrGenerateAsync_SecondCall_ReadsTheCacheWithoutSampling()
    {
        using var dir = new TempDir();
        var cache = new ResponseCache(dir.Path);
        var items = Enumerable.Range(0, 5).Select(i => new BenchmarkItem($"i{i}", new ImageInput($"{i:x64}", new byte[] { (byte)i }), $"question {i}")).ToList();
        var policy = new CountingPolicy();
        var greedy = new GenerationSettings { Temperature = 0, MaxNewTokens = 16 };

        var first = await cache.GetOrGenerateAsync("digest-a", "amber", items, policy, greedy, 2, 0, null, CancellationToken.None);
        var again = await cache.GetOrGenerateAsync("digest-a", "amber", items, policy, greedy, 2, 0, null, CancellationToken.None);

        Assert.Equal(5, policy.Rows);
        Assert.Equal("answer to question 3", first["i3"]);
        Assert.Equal(first, again);
        // Another policy digest or other settings are other keys: sampled again.
        await cache.GetOrGenerateAsync("digest-b", "amber", items, policy, greedy, 2, 0, null, CancellationToken.None);
        await cache.GetOrGenerateAsync("digest-a", "amber", items, policy, greedy with { MaxNewTokens = 32 }, 2, 0, null, CancellationToken.None);
        Assert.Equal(15, policy.Rows);
    }

    [Fact]
    public async Task GetOrGenerateAsync_LastLineCutOff_RegeneratesOnlyThatItem()
    {
        using var dir = new TempDir();
        var cache = new ResponseCache(dir.Path);
        var items = Enumerable.Range(0, 3).Select(i => new BenchmarkItem($"i{i}", new ImageInput($"{i:x64}", new byte[] { (byte)i }), $"question {i}")).ToList();
        var greedy = new GenerationSettings { Temperature = 0 };
        await cache.GetOrGenerateAsync("d", "mmhal", items, new CountingPolicy(), greedy, 8, 0, null, CancellationToken.None);
        string file = cache.FileOf("d", "mmhal", greedy);
        var lines = File.ReadAllLines(file);
        File.WriteAllText(file, string.Join('\n', lines[..2]) + "\n" + lines[2][..10]);

        var policy = new CountingPolicy();
        var responses = await cache.GetOrGenerateAsync("d", "mmhal", items, policy, greedy, 8, 0, null, CancellationToken.None);

        Assert.Equal(1, policy.Rows);
        Assert.Equal("answer to question 2", responses["i2"]);
    }

    private sealed class CountingPolicy : IPolicySampler
    {
        public int Rows { get; private set; }

        public string ModelId => "counting";

        public Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            Rows += batch.Count;
            return Task.FromResult<IReadOnlyList<SampledText>>(batch.Select(r => new SampledText("answer to " + r.Instruction, 3)).ToList());
        }
    }
}
