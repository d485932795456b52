using Microsoft.ML.Tokenizers;

namespace RlaifV.Models;

/// <summary>A SentencePiece <c>tokenizer.model</c> (Llama/Vicuna family) via Microsoft.ML.Tokenizers.</summary>
public sealed class SentencePieceTextTokenizer : TextTokenizer
{
    private readonly SentencePieceTokenizer _inner;
    private readonly int? _bos;
    private readonly int? _eos;
    private readonly int? _spaceId;

    private SentencePieceTextTokenizer(SentencePieceTokenizer inner, string? bos, string? eos)
    {
        _inner = inner;
        _bos = Lookup(bos ?? "<s>");
        _eos = Lookup(eos ?? "</s>");
        _spaceId = Lookup("\u2581");
    }

    /// <summary>The library tokenizer.</summary>
    public SentencePieceTokenizer Inner => _inner;

    /// <inheritdoc />
    public override int? BosId => _bos;

    /// <inheritdoc />
    public override int? EosId => _eos;

    /// <inheritdoc />
    public override bool IsSentencePiece => true;

    /// <summary>Loads <paramref name="modelPath"/>; <paramref name="bos"/>/<paramref name="eos"/> override the piece names.</summary>
    public static SentencePieceTextTokenizer Create(string modelPath, string? bos = null, string? eos = null)
    {
        using var stream = File.OpenRead(modelPath);
        return new SentencePieceTextTokenizer(SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false), bos, eos);
    }

    /// <inheritdoc />
    public override IReadOnlyList<int> Encode(string text, bool addBos)
    {
        var ids = Checked(text, _inner.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false));
        if (!addBos || _bos is null)
        {
            return ids;
        }

        var withBos = new List<int>(ids.Count + 1) { _bos.Value };
        withBos.AddRange(ids);
        return withBos;
    }

    /// <inheritdoc />
    public override IReadOnlyList<int> EncodeContinuation(string text, bool afterSpace)
    {
        if (text.Length == 0)
        {
            return [];
        }

        // The model's dummy prefix supplies the separating space ("The" → "▁The"). Glued-on text that starts with a
        // non-space (e.g. "\n...") would get a stray lone "▁" piece from it, which is dropped.
        var ids = Checked(text, _inner.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false));
        if (!afterSpace && _inner.AddDummyPrefix && ids.Count > 0 && ids[0] == _spaceId && !text.StartsWith(' '))
        {
            return ids.Skip(1).ToList();
        }

        return ids;
    }

    /// <inheritdoc />
    public override string Decode(IEnumerable<int> ids) => _inner.Decode(ids, considerSpecialTokens: false) ?? "";

    /// <inheritdoc />
    public override bool TryGetTokenId(string token, out int id) => _inner.Vocabulary.TryGetValue(token, out id);

    /// <summary>
    /// Text never vanishes: a non-empty fragment that the library encodes to no ids at all (reported for single characters
    /// with some SentencePiece BPE models) stops with an error instead of silently dropping from a prompt or a response.
    /// The committed fixture (tests/Models.Tests/Fixtures, generated with sentencepiece itself) pins the exact ids of single
    /// characters, whitespace runs, byte-fallback characters and template fragments.
    /// </summary>
    private static IReadOnlyList<int> Checked(string text, IReadOnlyList<int> ids) =>
        ids.Count == 0 && text.Length > 0
            ? throw new InvalidOperationException($"the SentencePiece tokenizer encoded the text '{text}' ({text.Length} characters) to no ids")
            : ids;

    private int? Lookup(string token) => _inner.Vocabulary.TryGetValue(token, out int id) ? id : null;
}
