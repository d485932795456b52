using System.Text.Json;
using Xunit;

namespace RlaifV.Models.Tests;

public sealed class TokenizerTests
{
    [Fact]
    public void Encode_SentencePieceFixture_EqualsSentencePieceLibraryIds()
    {
        var tokenizer = SentencePieceTextTokenizer.Create(TestData.SentencePieceModel);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.Fixtures, "sp_expected_ids.json")));
        int cases = 0;
        var wrong = new List<string>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string text = c.GetProperty("text").GetString()!;
            var expected = c.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            var actual = tokenizer.Encode(text, addBos: false).ToArray();
            if (!expected.SequenceEqual(actual)) wrong.Add($"{JsonSerializer.Serialize(text)}: sentencepiece [{string.Join(", ", expected)}], ours [{string.Join(", ", actual)}]");
            cases++;
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(cases >= 50, $"{cases} cases");
    }

    [Fact]
    public void TryGetTokenId_SentencePiecePieces_MatchLibraryAndResolveYesNo()
    {
        var tokenizer = SentencePieceTextTokenizer.Create(TestData.SentencePieceModel);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.Fixtures, "sp_expected_ids.json")));
        foreach (var p in doc.RootElement.GetProperty("pieces").EnumerateObject())
        {
            Assert.True(tokenizer.TryGetTokenId(p.Name, out int id), p.Name);
            Assert.Equal(p.Value.GetInt32(), id);
        }

        var pieces = doc.RootElement.GetProperty("pieces");
        Assert.Equal(pieces.GetProperty("\u2581yes").GetInt32(), tokenizer.AnswerTokenId("yes", afterSpace: true));
        Assert.Equal(pieces.GetProperty("\u2581No").GetInt32(), tokenizer.AnswerTokenId("No", afterSpace: true));
        Assert.Equal(1, tokenizer.BosId);
        Assert.Equal(2, tokenizer.EosId);
    }

    [Fact]
    public void Decode_SentencePieceEncoding_RoundTripsText()
    {
        var tokenizer = SentencePieceTextTokenizer.Create(TestData.SentencePieceModel);
        const string text = "A dog lies on the grass, 東京 🙂.";
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text, addBos: true)));
    }

    [Fact]
    public void EncodeContinuation_AfterSpace_GivesSpacePrefixedPieces()
    {
        var tokenizer = SentencePieceTextTokenizer.Create(TestData.SentencePieceModel);
        var whole = tokenizer.Encode("ASSISTANT: yes", addBos: false);
        var prompt = tokenizer.Encode("ASSISTANT:", addBos: false);
        var answer = tokenizer.EncodeContinuation("yes", afterSpace: true);
        Assert.Equal(whole.ToArray(), prompt.Concat(answer).ToArray());
    }

    [Fact]
    public void Create_ByteLevelTokenizerJson_EncodesWithMergesAndSpecialTokens()
    {
        string dir = TestData.NewTempDirectory();
        try
        {
            var tokenizer = (BpeTextTokenizer)TextTokenizer.Load(Path.GetDirectoryName(ByteLevelTokenizerFixture.Write(dir))!);
            var ids = tokenizer.Encode("yes no", addBos: true);
            Assert.True(tokenizer.TryGetTokenId("yes", out int yes));
            Assert.True(tokenizer.TryGetTokenId("\u0120no", out int spaceNo));
            Assert.Equal(new[] { ByteLevelTokenizerFixture.BeginOfText, yes, spaceNo }, ids.ToArray());
            Assert.Equal(yes, tokenizer.AnswerTokenId("yes", afterSpace: false));
            Assert.Equal(spaceNo, tokenizer.AnswerTokenId("no", afterSpace: true));
            Assert.Equal("yes no é", tokenizer.Decode(tokenizer.Encode("yes no é", addBos: true)));
            Assert.Equal(ByteLevelTokenizerFixture.EndOfTurn, tokenizer.EosId);
            var header = tokenizer.Encode("<|start_header_id|>user<|end_header_id|>", addBos: false);
            Assert.Equal(ByteLevelTokenizerFixture.StartHeader, header[0]);
            Assert.Equal(ByteLevelTokenizerFixture.EndHeader, header[^1]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
