using RlaifV.Schemas;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages.Tests;

/// <summary>The LLM extractor and rewriter as the method has them: one prompt per response, one list back.</summary>
public class LlmExtractorTests
{
    /// <summary>Answers each prompt with a scripted output and records what it was asked.</summary>
    private sealed class ScriptedLlm(Func<TextGenerationRequest, string> answer) : ITextGenerator
    {
        public List<TextGenerationRequest> Seen { get; } = [];

        public int Calls { get; private set; }

        public string ModelId => "scripted";

        public Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            Calls++;
            Seen.AddRange(batch);
            IReadOnlyList<string> outputs = batch.Select(answer).ToList();
            return Task.FromResult(outputs);
        }
    }

    [Fact]
    public async Task ExtractAsync_WholePromptCutToMaxWords_ParsesTheList()
    {
        var llm = new ScriptedLlm(_ => "### Facts:\n- There is a cat.\n- The cat is black.");
        var extractor = new LlmClaimExtractor(llm, "List facts.\nQ: {question}\nA: {response}", new GenerationSettings(), maxWords: 6);
        var claims = await extractor.ExtractAsync([new ClaimRequest("What?", "one two three four five", 1)], CancellationToken.None);
        // The budget counts the template's words too (as the reference cuts its whole prompt), and keeps the line breaks.
        Assert.Equal("List facts.\nQ: What?\nA: one", llm.Seen[0].Prompt);
        Assert.Equal(["There is a cat.", "The cat is black."], claims[0]);
        Assert.Equal("scripted", extractor.ExtractorId);
    }

    [Fact]
    public async Task ExtractAsync_DefaultTemplate_HoldsQuestionAndWholeResponse()
    {
        var llm = new ScriptedLlm(_ => "- A fact.");
        var options = new ClaimsOptions();
        var extractor = new LlmClaimExtractor(llm, options.Template, new GenerationSettings(), options.MaxWords);
        await extractor.ExtractAsync([new ClaimRequest("Describe the image.", "There is a red circle. It is large.", 1)], CancellationToken.None);
        Assert.Contains("### Facts:", llm.Seen[0].Prompt, StringComparison.Ordinal);
        Assert.EndsWith("Question: Describe the image.\nAnswer: There is a red circle. It is large.", llm.Seen[0].Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewriteAsync_OneCallPerBatch_OnePromptPerResponse_ZippedToClaims()
    {
        var llm = new ScriptedLlm(r => r.Prompt.Contains("dog", StringComparison.Ordinal)
            ? "### Questions:\n- Is there no dog?\n- Is the sky blue?"
            : "Sure! Here are the questions:\n\n1. Is there a cat?\n");
        var rewriter = new LlmQuestionRewriter(llm, "Statements:\n{claims}", new GenerationSettings());
        var result = await rewriter.RewriteAsync(
            [new RewriteRequest(["There is no dog.", "The sky is blue."], 11), new RewriteRequest([], 12), new RewriteRequest(["There is a cat."], 13)],
            CancellationToken.None);
        Assert.Equal(1, llm.Calls);
        Assert.Equal(2, llm.Seen.Count); // a response without claims costs no prompt
        Assert.Equal("Statements:\n- There is no dog.\n- The sky is blue.", llm.Seen[0].Prompt);
        Assert.Equal([11L, 13L], llm.Seen.Select(r => r.Seed));
        Assert.Equal(["Is there no dog?", "Is the sky blue?"], result[0]);
        Assert.Empty(result[1]);
        Assert.Equal(["Is there a cat?"], result[2]);
    }

    [Fact]
    public async Task RewriteAsync_ListLongerOrShorterThanClaims_IsThatResponsesErrorNeverMisaligned()
    {
        var llm = new ScriptedLlm(_ => "- Is there a dog?\n- Is it red?\n- Is it big?");
        var rewriter = new LlmQuestionRewriter(llm, "{claims}", new GenerationSettings());
        var e = await Assert.ThrowsAsync<InputRejectedException>(() => rewriter.RewriteAsync([new RewriteRequest(["There is a dog.", "It is red."], 1)], CancellationToken.None));
        Assert.Equal(DeadLetterReasons.BadModelOutput, e.Reason);
        Assert.Contains("3 questions for 2 claims", e.Message, StringComparison.Ordinal);
        Assert.Contains("scripted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultQuestionsTemplate_HasTheClaimsPlaceholderAndReferenceDecoding()
    {
        var options = new QuestionsOptions();
        Assert.Contains("{claims}", options.Template, StringComparison.Ordinal);
        Assert.Equal(0.2, options.Temperature);
        Assert.Equal(0.9, options.TopP);
        Assert.Equal(256, options.MaxNewTokens);
    }
}
