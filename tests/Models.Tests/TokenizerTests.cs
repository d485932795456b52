using System.Text;
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
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string text = c.GetProperty("text").GetString()!;
            var expected = c.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            Assert.Equal(expected, tokenizer.Encode(text, addBos: false).ToArray());
            cases++;
        }

        Assert.True(cases >= 10);
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
            string path = Path.Combine(dir, "tokenizer.json");
            File.WriteAllText(path, ByteLevelTokenizerJson());
            var tokenizer = BpeTextTokenizer.Create(path, bos: "<|begin|>", eos: "<|eot|>");
            var ids = tokenizer.Encode("yes no", addBos: true);
            Assert.True(tokenizer.TryGetTokenId("yes", out int yes));
            Assert.True(tokenizer.TryGetTokenId("\u0120no", out int spaceNo));
            Assert.Equal(new[] { 300, yes, spaceNo }, ids.ToArray());
            Assert.Equal(yes, tokenizer.AnswerTokenId("yes", afterSpace: false));
            Assert.Equal(spaceNo, tokenizer.AnswerTokenId("no", afterSpace: true));
            Assert.Equal("yes no é", tokenizer.Decode(tokenizer.Encode("yes no é", addBos: true)));
            Assert.Equal(301, tokenizer.EosId);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A byte-level BPE tokenizer.json: the 256 GPT-2 byte symbols, merges building "yes" and "Ġno", two special tokens.</summary>
    private static string ByteLevelTokenizerJson()
    {
        var symbols = ByteSymbols();
        var vocab = new Dictionary<string, int>();
        for (int i = 0; i < 256; i++)
        {
            vocab[symbols[i]] = i;
        }

        string[] merges = ["y e", "ye s", "\u0120 n", "\u0120n o"];
        int next = 256;
        foreach (var m in merges)
        {
            vocab[m.Replace(" ", "", StringComparison.Ordinal)] = next++;
        }

        var json = new
        {
            version = "1.0",
            added_tokens = new[] { new { id = 300, content = "<|begin|>", special = true }, new { id = 301, content = "<|eot|>", special = true } },
            normalizer = (object?)null,
            pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            decoder = new { type = "ByteLevel" },
            model = new { type = "BPE", vocab, merges },
        };
        return JsonSerializer.Serialize(json);
    }

    private static string[] ByteSymbols()
    {
        var printable = new List<int>();
        for (int b = '!'; b <= '~'; b++) printable.Add(b);
        for (int b = 0xA1; b <= 0xAC; b++) printable.Add(b);
        for (int b = 0xAE; b <= 0xFF; b++) printable.Add(b);
        var map = new string[256];
        int extra = 0;
        for (int b = 0; b < 256; b++)
        {
            map[b] = printable.Contains(b) ? ((char)b).ToString() : ((char)(256 + extra++)).ToString();
        }

        _ = Encoding.UTF8;
        return map;
    }
}
