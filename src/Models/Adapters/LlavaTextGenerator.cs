using RlaifV.Stages.Ports;

namespace RlaifV.Models;

/// <summary>
/// <see cref="ITextGenerator"/> over a loaded checkpoint's language model (a text-only Llama, or LLaVA without
/// images): the chat template around each prompt, batched sampling with each row's own seed.
/// </summary>
public sealed class LlavaTextGenerator : ITextGenerator
{
    private readonly LlavaBackend _backend;

    /// <summary>Creates the generator over <paramref name="backend"/>.</summary>
    public LlavaTextGenerator(LlavaBackend backend) => _backend = backend;

    /// <inheritdoc />
    public string ModelId => _backend.ModelId;

    /// <inheritdoc />
    public int? ContextTokens => _backend.ContextTokens;

    /// <inheritdoc />
    public int? PromptTokens(string prompt) => _backend.CountPromptTokens(prompt, withImage: false);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken) =>
        _backend.RunExclusiveAsync<IReadOnlyList<string>>(
            () =>
            {
                var results = new List<string>(batch.Count);
                foreach (var chunk in batch.Chunk(_backend.Options.BatchSize))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var rows = chunk.Select(r => _backend.EncodePrompt(r.Prompt, (ReadOnlyMemory<byte>?)null, r.Seed)).ToList();
                    var generated = _backend.Engine.Generate(rows, settings, _backend.StopIds);
                    results.AddRange(generated.Tokens.Select(t => _backend.Tokenizer.Decode(t).Trim()));
                }

                return results;
            },
            cancellationToken);
}
