using RlaifV.Stages.Ports;

namespace RlaifV.Models;

/// <summary>
/// <see cref="IYesNoLabeler"/> over a loaded LLaVA checkpoint: one forward per batch, one softmax over the whole
/// vocabulary at the first answer position, P of "yes", "Yes", "no", "No" with ids resolved from the checkpoint's own
/// tokenizer (SentencePiece "▁yes" after LLaVA's "ASSISTANT:", BPE "yes" after a newline-ended header).
/// </summary>
public sealed class LlavaYesNoLabeler : IYesNoLabeler
{
    private readonly LlavaBackend _backend;
    private static readonly string[] AnswerWords = ["yes", "Yes", "no", "No"];
    private readonly int[] _ids;

    /// <summary>Creates the labeler over <paramref name="backend"/>.</summary>
    public LlavaYesNoLabeler(LlavaBackend backend)
    {
        _backend = backend;
        bool space = backend.Template.AnswerAfterSpace;
        _ids = AnswerWords.Select(w => backend.Tokenizer.AnswerTokenId(w, space)).ToArray();
    }

    /// <summary>Token ids of yes, Yes, no, No.</summary>
    public IReadOnlyList<int> AnswerTokenIds => _ids;

    /// <inheritdoc />
    public string ModelId => _backend.ModelId;

    /// <inheritdoc />
    public int? ContextTokens => _backend.ContextTokens;

    /// <inheritdoc />
    public int? PromptTokens(YesNoRequest request) => _backend.CountPromptTokens(request.Question, withImage: true);

    /// <inheritdoc />
    public Task<IReadOnlyList<YesNoProbabilities>> ProbeAsync(IReadOnlyList<YesNoRequest> batch, CancellationToken cancellationToken) =>
        _backend.RunExclusiveAsync<IReadOnlyList<YesNoProbabilities>>(
            () =>
            {
                var results = new List<YesNoProbabilities>(batch.Count);
                foreach (var chunk in batch.Chunk(_backend.Options.BatchSize))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var rows = chunk.Select(r => _backend.EncodePrompt(r.Question, r.Image)).ToList();
                    var p = _backend.Engine.NextTokenProbabilities(rows, _ids);
                    results.AddRange(p.Select(x => new YesNoProbabilities(x[0], x[1], x[2], x[3])));
                }

                return results;
            },
            cancellationToken);
}
