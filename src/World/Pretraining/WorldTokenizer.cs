using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RlaifV.Models;

namespace RlaifV.World.Pretraining;

/// <summary>
/// Writes the world models' tokenizer: a Hugging Face byte-level BPE <c>tokenizer.json</c> (GPT-2 byte symbols, so any
/// text encodes) whose merges build every word the world and the chat templates use into one token, plus the special
/// tokens &lt;s&gt;, &lt;/s&gt;, &lt;pad&gt; and &lt;image&gt; (last, so its id is the LLaVA image token index).
/// The model core loads it with <see cref="BpeTextTokenizer"/>.
/// </summary>
public static class WorldTokenizer
{
    /// <summary>Begin-of-sequence token.</summary>
    public const string Bos = "<s>";

    /// <summary>End-of-sequence token (LLaVA-1.5's end of turn).</summary>
    public const string Eos = "</s>";

    /// <summary>Padding token.</summary>
    public const string Pad = "<pad>";

    /// <summary>Image placeholder token (the id LLaVA's image features replace).</summary>
    public const string Image = ChatTemplate.ImagePlaceholder;

    private const char SpaceSymbol = '\u0120';
    private static readonly Regex PreTokenizer = new(BpeTextTokenizer.Gpt2Pattern, RegexOptions.Compiled);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The words (GPT-2 pre-tokens such as " red", "There", " ASSISTANT") that become single tokens: every lexicon
    /// word after a space, and capitalised both after a space and alone (a sentence or instruction start); the words
    /// of the llava-1.5 template; and "yes" / "no" alone (answers right after a newline-ended template).
    /// Unspaced lower-case words are kept to those two so that chain merges never compete inside another word.
    /// </summary>
    public static IReadOnlyList<string> Words()
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var w in Lexicon.Words)
        {
            string cap = char.ToUpperInvariant(w[0]) + w[1..];
            words.UnionWith([" " + w, " " + cap, cap]);
        }

        words.UnionWith(["yes", "no"]);

        var template = ChatTemplate.Llava15;
        foreach (var piece in PreTokenizer.Matches(template.System + template.UserPrefix + template.AssistantPrefix).Select(m => m.Value))
        {
            if (piece.Length > 1 && piece.Trim().All(char.IsLetter))
            {
                words.Add(piece);
            }
        }

        return [.. words];
    }

    /// <summary>
    /// Writes <c>tokenizer.json</c> and <c>tokenizer_config.json</c> into <paramref name="directory"/>; returns the
    /// vocabulary size (special tokens included; &lt;image&gt; has the last id).
    /// </summary>
    public static int Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var symbols = ByteSymbols();
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < 256; i++)
        {
            vocab[symbols[i]] = i;
        }

        // Each word is built left to right by chain merges (prefix + next symbol). Merges whose left side starts with
        // the space symbol rank first, so inside " word" they always beat merges of unspaced words.
        var merges = new List<string>();
        var encodedWords = Words().Select(w => string.Concat(Encoding.UTF8.GetBytes(w).Select(b => symbols[b]))).ToList();
        foreach (var spaced in new[] { true, false })
        {
            foreach (var word in encodedWords.Where(w => (w[0] == SpaceSymbol) == spaced))
            {
                for (int end = 2; end <= word.Length; end++)
                {
                    string merged = word[..end];
                    if (vocab.TryAdd(merged, vocab.Count))
                    {
                        merges.Add(word[..(end - 1)] + " " + word[end - 1]);
                    }
                }
            }
        }

        string[] specials = [Bos, Eos, Pad, Image];
        int firstSpecial = vocab.Count;
        var json = new
        {
            version = "1.0",
            added_tokens = specials.Select((s, i) => new { id = firstSpecial + i, content = s, single_word = false, lstrip = false, rstrip = false, normalized = false, special = true }),
            normalizer = (object?)null,
            pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            post_processor = (object?)null,
            decoder = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            model = new { type = "BPE", dropout = (object?)null, unk_token = (object?)null, fuse_unk = false, byte_fallback = false, vocab, merges },
        };
        File.WriteAllText(Path.Combine(directory, "tokenizer.json"), JsonSerializer.Serialize(json, Indented));
        var config = new Dictionary<string, object>
        {
            ["bos_token"] = Bos,
            ["eos_token"] = Eos,
            ["pad_token"] = Pad,
            ["model_max_length"] = 512,
            ["tokenizer_class"] = "PreTrainedTokenizerFast",
        };
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), JsonSerializer.Serialize(config, Indented));
        return firstSpecial + specials.Length;
    }

    private static string[] ByteSymbols()
    {
        var printable = new HashSet<int>();
        for (int b = '!'; b <= '~'; b++)
        {
            printable.Add(b);
        }

        for (int b = 0xA1; b <= 0xAC; b++)
        {
            printable.Add(b);
        }

        for (int b = 0xAE; b <= 0xFF; b++)
        {
            printable.Add(b);
        }

        var map = new string[256];
        int extra = 0;
        for (int b = 0; b < 256; b++)
        {
            map[b] = printable.Contains(b) ? ((char)b).ToString() : ((char)(256 + extra++)).ToString();
        }

        return map;
    }
}
