using RlaifV.Stages.Ports;

namespace RlaifV.Remote;

/// <summary>
/// <see cref="ITextGenerator"/> on an OpenAI-compatible server (the claim extractor's and question rewriter's LLM): each
/// prompt as one user message with its own seed and the configured decoding settings; a batch goes concurrently.
/// </summary>
public sealed class RemoteTextGenerator : ITextGenerator
{
    private readonly ChatCompletionsClient client;
    private readonly ResultMemo<string> memo = new();

    /// <summary>Creates the generator.</summary>
    public RemoteTextGenerator(ChatCompletionsClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        ModelId = ModelNames.ForRound(client.Model, 0);
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return memo.RunAsync(batch, r => ChatRequests.Key(r.Seed, r.Prompt, settings), async (r, ct) =>
        {
            var body = ChatRequests.Body(ModelId, r.Prompt, null).WithSampling(settings, r.Seed);
            var completion = await client.CompleteAsync(body, ct);
            return ChatRequests.Text(client, completion, ModelId).Trim();
        }, cancellationToken);
    }
}
