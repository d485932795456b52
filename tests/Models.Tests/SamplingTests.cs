using RlaifV.Stages.Ports;
using Xunit;

namespace RlaifV.Models.Tests;

public sealed class SamplingTests : IClassFixture<TinyModelFixture>
{
    private readonly TinyModelFixture _fixture;

    public SamplingTests(TinyModelFixture fixture) => _fixture = fixture;

    private LlavaBackend Backend => _fixture.Backend;

    private TokenizedPrompt Row(long seed) => Backend.EncodePrompt("Describe this image in detail.", TestData.Png(30, 20, 9), seed);

    [Fact]
    public void Generate_TopKOne_EqualsGreedy()
    {
        var greedy = Backend.Engine.Generate([Row(1)], new GenerationSettings { Temperature = 0, MaxNewTokens = 10 }, []);
        var topK = Backend.Engine.Generate([Row(2)], new GenerationSettings { Temperature = 1.5, TopK = 1, MaxNewTokens = 10 }, []);
        var topP = Backend.Engine.Generate([Row(3)], new GenerationSettings { Temperature = 1.5, TopP = 1e-6, MaxNewTokens = 10 }, []);
        Assert.Equal(greedy.Tokens[0], topK.Tokens[0]);
        Assert.Equal(greedy.Tokens[0], topP.Tokens[0]);
    }

    [Fact]
    public void Generate_StopTokenFirst_ReturnsEmptyStoppedRow()
    {
        var greedy = new GenerationSettings { Temperature = 0, MaxNewTokens = 6 };
        var free = Backend.Engine.Generate([Row(1)], greedy, []);
        Assert.False(free.Stopped[0]);
        Assert.Equal(6, free.Tokens[0].Length);
        var stopped = Backend.Engine.Generate([Row(1)], greedy, [free.Tokens[0][2]]);
        Assert.True(stopped.Stopped[0]);
        Assert.Equal(free.Tokens[0].Take(2), stopped.Tokens[0]);
    }

    [Fact]
    public void Generate_RepetitionPenalty_NeverRepeatsUnderStrongPenaltyGreedy()
    {
        var penalized = Backend.Engine.Generate([Row(1)], new GenerationSettings { Temperature = 0, RepetitionPenalty = 1e6, MaxNewTokens = 20 }, []);
        var prompt = Row(1).TokenIds.ToHashSet();
        var tokens = penalized.Tokens[0];
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
        Assert.DoesNotContain(tokens, prompt.Contains);
    }

    [Fact]
    public void Generate_RepetitionPenaltyInABatch_RowsOutputDoesNotDependOnItsNeighboursPadding()
    {
        // The pad id is the token the short row picks first when alone: were padding counted as seen, the penalty would
        // push that token down for the padded row only, and the row's output would depend on its longer neighbour.
        var shortRow = Backend.EncodePrompt("Describe.", TestData.Png(30, 20, 9), 1);
        var longRow = Backend.EncodePrompt("Describe this image in great detail, every object and colour.", TestData.Png(30, 20, 9), 2);
        var settings = new GenerationSettings { Temperature = 0, RepetitionPenalty = 1e6, MaxNewTokens = 4 };
        int pad = Backend.Engine.Generate([shortRow], settings, []).Tokens[0][0];
        var engine = new InferenceEngine(Backend.Engine.Llava!, pad);
        var alone = engine.Generate([shortRow], settings, []);
        var batched = engine.Generate([shortRow, longRow], settings, []);
        Assert.True(longRow.TokenIds.Count > shortRow.TokenIds.Count);
        Assert.Equal(alone.Tokens[0], batched.Tokens[0]);
    }

    [Fact]
    public void PromptTokens_PolicyLabelerAndTextModel_CountWhatTheyWouldEncodeAndTellTheContext()
    {
        var image = TestData.Image(TestData.Png(30, 20, 9));
        var policy = Backend.CreatePolicySampler();
        var labeler = Backend.CreateYesNoLabeler();
        var text = Backend.CreateTextGenerator();
        Assert.Equal(Backend.EncodePrompt("Describe this image.", image).TokenIds.Count, policy.PromptTokens(new SamplingRequest(image, "Describe this image.", 1)));
        Assert.Equal(Backend.EncodePrompt("Is it red?", image).TokenIds.Count, labeler.PromptTokens(new YesNoRequest(image, "Is it red?")));
        Assert.Equal(Backend.EncodePrompt("Rewrite it.", (ReadOnlyMemory<byte>?)null).TokenIds.Count, text.PromptTokens("Rewrite it."));
        Assert.Equal(_fixture.Config.TextConfig.MaxPositionEmbeddings, policy.ContextTokens);
    }

    [Fact]
    public void Logits_RowsSharingOnePixelArray_EqualRowsWithCopies()
    {
        var shared = Row(1);
        var rows = new[] { shared, shared with { TokenIds = Backend.EncodePrompt("Is there a dog?", TestData.Png(30, 20, 9)).TokenIds } };
        var copies = rows.Select(r => r with { Pixels = (float[])r.Pixels!.Clone() }).ToArray();
        using var a = Backend.Engine.Logits(rows);
        using var b = Backend.Engine.Logits(copies);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
    }

    [Fact]
    public async Task GenerateAsync_LlavaWithoutImage_UsesTextOnlyPath()
    {
        var generator = Backend.CreateTextGenerator();
        var settings = new GenerationSettings { Temperature = 0.2, TopP = 0.9, MaxNewTokens = 5 };
        var texts = await generator.GenerateAsync([new("Rewrite: there is a dog.", 1), new("Rewrite: there is a dog.", 1)], settings, CancellationToken.None);
        Assert.Equal(texts[0], texts[1]);
        Assert.Equal(_fixture.Backend.ModelId, generator.ModelId);
    }
}
