using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages.Tests;

public class LlmExtractorTests
{
    private sealed class EchoLlm : ITextGenerator
    {
        public List<TextGenerationRequest> Seen { get; } = [];

        public string ModelId => "echo";

        public Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            Seen.AddRange(batch);
            IReadOnlyList<string> outputs = batch.Select(_ => "Facts:\n- There is a cat.\n- The cat is black.").ToList();
            return Task.FromResult(outputs);
        }
    }

    [Fact]
    public async Task ExtractAsync_FillsTemplateCutsResponse_ParsesBullets()
    {
        var llm = new EchoLlm();
        var extractor = new LlmClaimExtractor(llm, "Q={question} A={response}", new GenerationSettings(), maxWords: 3);
        var claims = await extractor.ExtractAsync([new ClaimRequest("What?", "one two three four five", 1)], CancellationToken.None);
        Assert.Equal("Q=What? A=one two three", llm.Seen[0].Prompt);
        Assert.Equal(["There is a cat.", "The cat is black."], claims[0]);
        Assert.Equal("echo", extractor.ExtractorId);
    }
}
