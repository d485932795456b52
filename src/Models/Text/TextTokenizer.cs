using System.Text.Json;

namespace RlaifV.Models;

/// <summary>
/// A checkpoint's tokenizer, wrapping Microsoft.ML.Tokenizers: SentencePiece <c>tokenizer.model</c> (Llama/Vicuna)
/// or Hugging Face <c>tokenizer.json</c> byte-level BPE. Begin-of-sequence handling is explicit so prompt pieces
/// (text, image tokens, responses) can be joined exactly.
/// </summary>
public abstract class TextTokenizer
{
    /// <summary>Begin-of-sequence id, if the tokenizer has one.</summary>
    public abstract int? BosId { get; }

    /// <summary>End-of-sequence id, if the tokenizer has one.</summary>
    public abstract int? EosId { get; }

    /// <summary>True for SentencePiece ("▁" marks a leading space), false for byte-level BPE ("Ġ").</summary>
    public abstract bool IsSentencePiece { get; }

    /// <summary>Ids of <paramref name="text"/> as the start of a sequence (with the model's leading-space convention).</summary>
    public abstract IReadOnlyList<int> Encode(string text, bool addBos);

    /// <summary>
    /// Ids of <paramref name="text"/> continuing earlier text: <paramref name="afterSpace"/> says whether a space
    /// separates it from what precedes (so "The" becomes "▁The" / "ĠThe"), otherwise it is glued on.
    /// </summary>
    public abstract IReadOnlyList<int> EncodeContinuation(string text, bool afterSpace);

    /// <summary>Text of <paramref name="ids"/>, special tokens left out.</summary>
    public abstract string Decode(IEnumerable<int> ids);

    /// <summary>The id of a vocabulary entry (a piece such as "▁yes", or a special token such as "&lt;/s&gt;").</summary>
    public abstract bool TryGetTokenId(string token, out int id);

    /// <summary>
    /// The id of the first token of <paramref name="word"/> as an answer: with <paramref name="afterSpace"/>,
    /// SentencePiece "▁yes" / BPE "Ġyes"; without, "yes". Falls back to the first id of the word's encoding.
    /// </summary>
    public int AnswerTokenId(string word, bool afterSpace)
    {
        string piece = afterSpace ? (IsSentencePiece ? "\u2581" : "\u0120") + word : word;
        if (TryGetTokenId(piece, out int id))
        {
            return id;
        }

        var ids = EncodeContinuation(word, afterSpace);
        return ids.Count > 0 ? ids[0] : throw new InvalidDataException($"The tokenizer cannot encode '{word}'.");
    }

    /// <summary>
    /// Loads the tokenizer of a checkpoint directory: <c>tokenizer.model</c> when present, else <c>tokenizer.json</c>.
    /// Special tokens named in <c>tokenizer_config.json</c> (bos_token, eos_token) are honoured.
    /// </summary>
    public static TextTokenizer Load(string directory)
    {
        string sp = Path.Combine(directory, "tokenizer.model");
        string json = Path.Combine(directory, "tokenizer.json");
        var (bos, eos) = SpecialTokenNames(Path.Combine(directory, "tokenizer_config.json"));
        if (File.Exists(sp))
        {
            return SentencePieceTextTokenizer.Create(sp, bos, eos);
        }

        if (File.Exists(json))
        {
            return BpeTextTokenizer.Create(json, bos, eos);
        }

        throw new FileNotFoundException($"No tokenizer.model or tokenizer.json in {directory}.");
    }

    private static (string? Bos, string? Eos) SpecialTokenNames(string configPath)
    {
        if (!File.Exists(configPath))
        {
            return (null, null);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(configPath));
        return (Name(doc.RootElement, "bos_token"), Name(doc.RootElement, "eos_token"));

        static string? Name(JsonElement root, string key) =>
            !root.TryGetProperty(key, out var v) ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString()
            : v.ValueKind == JsonValueKind.Object && v.TryGetProperty("content", out var c) ? c.GetString()
            : null;
    }
}
