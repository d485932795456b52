using RlaifV.Stages.Ports;

namespace RlaifV.Models;

/// <summary>
/// <see cref="IPolicySampler"/> over a loaded LLaVA checkpoint: the chat template around each instruction, the
/// image preprocessed, batched KV-cached sampling with each row's own seed, text decoded up to the stop token.
/// </summary>
public sealed class LlavaPolicySampler : IPolicySampler
{
    private readonly LlavaBackend _backend;

    /// <summary>Creates the sampler over <paramref name="backend"/>.</summary>
    public LlavaPolicySampler(LlavaBackend backend) => _backend = backend;

    /// <inheritdoc />
    public string ModelId => _backend.ModelId;

    /// <inheritdoc />
    public int? ContextTokens => _backend.ContextTokens;

    /// <inheritdoc />
    public int? PromptTokens(SamplingRequest request) => _backend.CountPromptTokens(request.Instruction, withImage: true);

    /// <inheritdoc />
    public Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken) =>
        _backend.RunExclusiveAsync<IReadOnlyList<SampledText>>(
            () =>
            {
                var results = new List<SampledText>(batch.Count);
                foreach (var chunk in batch.Chunk(_backend.Options.BatchSize))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var rows = chunk.Select(r => _backend.EncodePrompt(r.Instruction, r.Image, r.Seed)).ToList();
                    var generated = _backend.Engine.Generate(rows, settings, _backend.StopIds);
                    results.AddRange(generated.Tokens.Select(t => new SampledText(_backend.Tokenizer.Decode(t).Trim(), t.Length)));
                }

                return results;
            },
            cancellationToken);
}
