using RlaifV.Models;
using RlaifV.World.Pretraining;

namespace RlaifV.World.Tests.Pretraining;

public sealed class WorldTokenizerTests : IDisposable
{
    private readonly string _dir = PretrainTestOptions.NewDirectory();
    private readonly TextTokenizer _tokenizer;
    private readonly int _vocab;

    public WorldTokenizerTests()
    {
        _vocab = WorldTokenizer.Write(_dir);
        _tokenizer = TextTokenizer.Load(_dir);
    }

    [Fact]
    public void Write_EveryLexiconWord_IsOneToken()
    {
        foreach (var word in Lexicon.Words)
        {
            string cap = char.ToUpperInvariant(word[0]) + word[1..];
            Assert.Single(_tokenizer.EncodeContinuation(word, afterSpace: true));
            Assert.Single(_tokenizer.EncodeContinuation(cap, afterSpace: true));
            Assert.Single(_tokenizer.EncodeContinuation(cap, afterSpace: false));
        }

        foreach (var punctuation in Lexicon.Punctuation)
        {
            Assert.Single(_tokenizer.EncodeContinuation(punctuation, afterSpace: false));
        }
    }

    [Fact]
    public void Write_WorldSentences_RoundTripOneTokenPerWord()
    {
        foreach (var p in PromptSets.TrainingRound(3, 0, 200))
        {
            var corrupted = HallucinationInjector.CorruptAnswer(p.Scene, p.Question, BiasProfile.Default, p.SceneSeed);
            var texts = new List<string> { p.Instruction, Describer.AnswerText(p.Scene, p.Question), corrupted.Text };
            texts.AddRange(Describer.Describe(p.Scene).Select(PretrainCorpus.Question));
            foreach (var text in texts)
            {
                var ids = _tokenizer.EncodeContinuation(text, afterSpace: true);
                Assert.Equal(" " + text, _tokenizer.Decode(ids));
                Assert.Equal(Lexicon.Tokenize(text).Count, ids.Count);
            }
        }
    }

    [Fact]
    public void Write_SpecialTokensAndAnswers_ResolveToSingleIds()
    {
        Assert.True(_tokenizer.TryGetTokenId(WorldTokenizer.Image, out int image));
        Assert.Equal(_vocab - 1, image);
        Assert.NotNull(_tokenizer.BosId);
        Assert.NotNull(_tokenizer.EosId);
        Assert.True(_tokenizer.TryGetTokenId(WorldTokenizer.Pad, out _));
        foreach (var answer in new[] { "yes", "Yes", "no", "No" })
        {
            Assert.True(_tokenizer.TryGetTokenId("\u0120" + answer, out _));
            Assert.True(_tokenizer.TryGetTokenId(answer, out _));
        }
    }

    [Fact]
    public void Write_Llava15Template_EncodesWordsAsSingleTokensAndRoundTrips()
    {
        string prompt = ChatTemplate.Llava15.Render(WorldQuestion.DescribeInstruction, withImage: false);
        var ids = _tokenizer.Encode(prompt, addBos: false);
        Assert.Equal(prompt, _tokenizer.Decode(ids));
        Assert.True(ids.Count < 45, $"{ids.Count} tokens");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
