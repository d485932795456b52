using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace RlaifV.Models;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> byte-level BPE (GPT-2 / Llama-3 style) parsed into Microsoft.ML.Tokenizers'
/// <see cref="BpeOptions"/>: the vocabulary, the merges, the added (special) tokens and the pre-tokenizer's split
/// regex. Other tokenizer.json kinds (Metaspace/byte-fallback BPE, WordPiece, Unigram) are refused with a clear
/// message; Llama-2 family checkpoints ship <c>tokenizer.model</c>, which is preferred.
/// </summary>
public sealed class BpeTextTokenizer : TextTokenizer
{
    /// <summary>GPT-2's pre-tokenizer pattern, used by ByteLevel(use_regex=true).</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private readonly BpeTokenizer _inner;
    private readonly IReadOnlyDictionary<string, int> _special;
    private readonly int? _bos;
    private readonly int? _eos;

    private BpeTextTokenizer(BpeTokenizer inner, IReadOnlyDictionary<string, int> special, string? bos, string? eos)
    {
        _inner = inner;
        _special = special;
        _bos = bos is not null && TryGetTokenId(bos, out int b) ? b : null;
        _eos = eos is not null && TryGetTokenId(eos, out int e) ? e : null;
    }

    /// <summary>The library tokenizer.</summary>
    public BpeTokenizer Inner => _inner;

    /// <inheritdoc />
    public override int? BosId => _bos;

    /// <inheritdoc />
    public override int? EosId => _eos;

    /// <inheritdoc />
    public override bool IsSentencePiece => false;

    /// <summary>Parses <paramref name="tokenizerJsonPath"/>; <paramref name="bos"/>/<paramref name="eos"/> name the special tokens.</summary>
    public static BpeTextTokenizer Create(string tokenizerJsonPath, string? bos = null, string? eos = null)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(tokenizerJsonPath));
        var root = doc.RootElement;
        var model = root.GetProperty("model");
        string type = model.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        if (type != "BPE")
        {
            throw new NotSupportedException($"{tokenizerJsonPath}: model type '{type}' is not supported (only byte-level BPE).");
        }

        string? pattern = PreTokenizerPattern(root.TryGetProperty("pre_tokenizer", out var pre) ? pre : default, out bool byteLevel);
        if (!byteLevel)
        {
            throw new NotSupportedException($"{tokenizerJsonPath}: only byte-level BPE tokenizer.json is supported; use the checkpoint's tokenizer.model for SentencePiece-style BPE.");
        }

        var vocab = model.GetProperty("vocab").EnumerateObject().Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32())).ToList();
        var merges = model.GetProperty("merges").EnumerateArray()
            .Select(m => m.ValueKind == JsonValueKind.Array ? string.Join(' ', m.EnumerateArray().Select(x => x.GetString())) : m.GetString() ?? "")
            .ToList();
        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("added_tokens", out var added))
        {
            foreach (var a in added.EnumerateArray())
            {
                special[a.GetProperty("content").GetString() ?? ""] = a.GetProperty("id").GetInt32();
            }
        }

        var options = new BpeOptions(vocab)
        {
            Merges = merges,
            SpecialTokens = special,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(new Regex(pattern ?? Gpt2Pattern, RegexOptions.Compiled), special),
        };
        return new BpeTextTokenizer(BpeTokenizer.Create(options), special, bos, eos);
    }

    /// <inheritdoc />
    public override IReadOnlyList<int> Encode(string text, bool addBos)
    {
        var ids = _inner.EncodeToIds(text);
        if (!addBos || _bos is null)
        {
            return ids;
        }

        var withBos = new List<int>(ids.Count + 1) { _bos.Value };
        withBos.AddRange(ids);
        return withBos;
    }

    /// <inheritdoc />
    public override IReadOnlyList<int> EncodeContinuation(string text, bool afterSpace) =>
        text.Length == 0 ? [] : _inner.EncodeToIds(afterSpace ? " " + text : text);

    /// <inheritdoc />
    public override string Decode(IEnumerable<int> ids) => _inner.Decode(ids, considerSpecialTokens: false) ?? "";

    /// <inheritdoc />
    public override bool TryGetTokenId(string token, out int id) =>
        _special.TryGetValue(token, out id) || _inner.Vocabulary.TryGetValue(token, out id);

    private static string? PreTokenizerPattern(JsonElement pre, out bool byteLevel)
    {
        byteLevel = false;
        if (pre.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string type = pre.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        switch (type)
        {
            case "ByteLevel":
                byteLevel = true;
                return null;
            case "Split":
                return pre.GetProperty("pattern").TryGetProperty("Regex", out var r) ? r.GetString() : Regex.Escape(pre.GetProperty("pattern").GetProperty("String").GetString() ?? "");
            case "Sequence":
                string? pattern = null;
                foreach (var p in pre.GetProperty("pretokenizers").EnumerateArray())
                {
                    pattern ??= PreTokenizerPattern(p, out bool bl);
                    PreTokenizerPattern(p, out bl);
                    byteLevel |= bl;
                }

                return pattern;
            default:
                return null;
        }
    }
}
