using Xunit;
using static TorchSharp.torch;

namespace RlaifV.Models.Tests;

/// <summary>Checks that need a CUDA build (-p:TorchDevice=cuda) and a GPU; CI filters them out with Category!=GPU.</summary>
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
            return; // CPU-only build or machine: nothing to compare against.
        }

        using var gpu = LlavaBackend.Load(new ModelOptions { Path = _fixture.Directory, Device = "cuda" });
        var rows = new[] { _fixture.Backend.EncodePrompt("Describe this image in detail.", TestData.Png(40, 30, 1)) };
        using var expected = _fixture.Backend.Engine.Logits(rows);
        using var actual = gpu.Engine.Logits(rows);
        using var actualCpu = actual.cpu();
        Assert.True(expected.allclose(actualCpu, rtol: 1e-3, atol: 1e-3));
    }
}
