using Xunit;
using static TorchSharp.torch;

namespace RlaifV.Models.Tests;

/// <summary>
/// Checks of the CUDA path: on a GPU machine with the CUDA build, logits on cuda match cpu; elsewhere, asking for
/// cuda fails at start-up with a clear message (so the test asserts something on every machine).
/// </summary>
public sealed class GpuTests : IClassFixture<TinyModelFixture>
{
    private readonly TinyModelFixture _fixture;

    public GpuTests(TinyModelFixture fixture) => _fixture = fixture;

    [Fact]
    [Trait("Category", "GPU")]
    public void Logits_OnCuda_MatchCpu()
    {
        if (!cuda.is_available())
        {
            // CPU-only build or machine: asking for cuda must fail at start-up, naming the setting and the fix.
            var e = Assert.Throws<ArgumentException>(() => LlavaBackend.Load(new BackendOptions { Path = _fixture.Directory, Device = "cuda" }));
            Assert.Contains("'device' = 'cuda'", e.Message, StringComparison.Ordinal);
            Assert.Contains("TorchDevice=cuda", e.Message, StringComparison.Ordinal);
            return;
        }

        using var gpu = LlavaBackend.Load(new BackendOptions { Path = _fixture.Directory, Device = "cuda" });
        var rows = new[] { _fixture.Backend.EncodePrompt("Describe this image in detail.", TestData.Png(40, 30, 1)) };
        using var expected = _fixture.Backend.Engine.Logits(rows);
        using var actual = gpu.Engine.Logits(rows);
        using var actualCpu = actual.cpu();
        Assert.True(expected.allclose(actualCpu, rtol: 1e-3, atol: 1e-3));
    }
}
