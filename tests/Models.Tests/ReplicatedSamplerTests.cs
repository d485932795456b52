using System.Security.Cryptography;
using RlaifV.Stages.Ports;
using Xunit;

namespace RlaifV.Models.Tests;

/// <summary>models.policy.replicas: copies of one checkpoint serving sampling batches side by side.</summary>
public sealed class ReplicatedSamplerTests : IClassFixture<TinyModelFixture>
{
    private readonly TinyModelFixture _fixture;

    public ReplicatedSamplerTests(TinyModelFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SampleAsync_BatchesOnTwoLoadedCopiesAtOnce_EqualTheSameBatchesOnOneCopyInTurn()
    {
        using var copy = LlavaBackend.Load(new BackendOptions { Path = _fixture.Directory, Device = "cpu", BatchSize = 4 });
        using var replicated = new ReplicatedPolicySampler([_fixture.Backend.CreatePolicySampler(), copy.CreatePolicySampler()]);
        var settings = new GenerationSettings { Temperature = 0.9, MaxNewTokens = 8 };
        var batches = Enumerable.Range(0, 4).Select(b => Enumerable.Range(0, 3).Select(i => Request(b, i)).ToList()).ToList();

        var together = await Task.WhenAll(batches.Select(batch => replicated.SampleAsync(batch, settings, CancellationToken.None)));
        var alone = new List<IReadOnlyList<SampledText>>();
        foreach (var batch in batches) alone.Add(await _fixture.Backend.CreatePolicySampler().SampleAsync(batch, settings, CancellationToken.None));

        Assert.Equal(alone.Select(b => b.Select(t => t.Text)), together.Select(b => b.Select(t => t.Text)));
        Assert.Equal(_fixture.Backend.ModelId, replicated.ModelId);
    }

    [Fact]
    public async Task SampleAsync_MoreCallsThanCopies_EachCopyServesOneCallAtATimeAndBothServe()
    {
        var copies = new[] { new CountingSampler("m"), new CountingSampler("m") };
        using var replicated = new ReplicatedPolicySampler(copies);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => replicated.SampleAsync([], new GenerationSettings(), CancellationToken.None)));

        Assert.All(copies, c => Assert.Equal(1, c.MostAtOnce));
        Assert.All(copies, c => Assert.True(c.Calls > 0));
        Assert.Equal(12, copies.Sum(c => c.Calls));
        Assert.Equal(2, CountingSampler.MostAtOnceOverall);
    }

    [Fact]
    public void Create_CopiesOfDifferentModels_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReplicatedPolicySampler([new CountingSampler("a"), new CountingSampler("b")]));
        Assert.Contains("replicas must be one model", e.Message, StringComparison.Ordinal);
    }

    private static SamplingRequest Request(int batch, int row)
    {
        var png = TestData.Png(24 + batch, 20, batch + 1);
        return new SamplingRequest(new ImageInput(Convert.ToHexStringLower(SHA256.HashData(png)), png), "Describe this image in detail.", 1000 + (batch * 10) + row);
    }

    private sealed class CountingSampler(string model) : IPolicySampler
    {
        private static int overall;
        private static int mostOverall;
        private int now;

        public static int MostAtOnceOverall => mostOverall;

        public int MostAtOnce { get; private set; }

        public int Calls { get; private set; }

        public string ModelId => model;

        public async Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            var mine = Interlocked.Increment(ref now);
            var all = Interlocked.Increment(ref overall);
            lock (this)
            {
                MostAtOnce = Math.Max(MostAtOnce, mine);
                Calls++;
            }
            InterlockedMax(ref mostOverall, all);
            await Task.Delay(30, cancellationToken);
            Interlocked.Decrement(ref overall);
            Interlocked.Decrement(ref now);
            return [];
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
