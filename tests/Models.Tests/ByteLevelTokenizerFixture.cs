using System.Text.Json;

namespace RlaifV.Models.Tests;

/// <summary>Writes a small byte-level BPE tokenizer.json (GPT-2 byte symbols, a few merges, Llama-3-style special tokens).</summary>
internal static class ByteLevelTokenizerFixture
{
    public const int BeginOfText = 300;
    public const int EndOfTurn = 301;
    public const int StartHeader = 302;
    public const int EndHeader = 303;
    public const int VocabSize = 304;

    /// <summary>Writes tokenizer.json and tokenizer_config.json into <paramref name="directory"/>; returns the tokenizer.json path.</summary>
    public static string Write(string directory)
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
            added_tokens = new[]
            {
                new { id = BeginOfText, content = "<|begin_of_text|>", special = true },
                new { id = EndOfTurn, content = "<|eot_id|>", special = true },
                new { id = StartHeader, content = "<|start_header_id|>", special = true },
                new { id = EndHeader, content = "<|end_header_id|>", special = true },
            },
            normalizer = (object?)null,
            pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            decoder = new { type = "ByteLevel" },
            model = new { type = "BPE", vocab, merges },
        };
        string path = Path.Combine(directory, "tokenizer.json");
        File.WriteAllText(path, JsonSerializer.Serialize(json));
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), """{"bos_token": "<|begin_of_text|>", "eos_token": {"content": "<|eot_id|>"}}""");
        return path;
    }

    private static string[] ByteSymbols()
    {
        var printable = new HashSet<int>();
        for (int b = '!'; b <= '~'; b++) printable.Add(b);
        for (int b = 0xA1; b <= 0xAC; b++) printable.Add(b);
        for (int b = 0xAE; b <= 0xFF; b++) printable.Add(b);
        var map = new string[256];
        int extra = 0;
        for (int b = 0; b < 256; b++)
        {
            map[b] = printable.Contains(b) ? ((char)b).ToString() : ((char)(256 + extra++)).ToString();
        }

        return map;
    }
}
