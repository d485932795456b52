using RlaifV.Stages.Ports;

namespace RlaifV.Remote;

/// <summary>
/// <see cref="IPolicySampler"/> on an OpenAI-compatible server: one request per candidate with the candidate's own seed
/// (so ids and samples stay deterministic whatever the batching), temperature, top-p and token budget from
/// <c>sampling</c>, the image as a data URL (or its http(s) URL); a stage batch's requests go concurrently up to
/// <c>max_concurrency</c>. For round r the model is <c>model</c> with <c>{round}</c> replaced; before the first call the
/// round's LoRA adapter is registered (when <c>load_lora</c> is on and the checkpoint has one) and, for a per-round name
/// or an adapter, the sampler waits (bounded, with progress lines) until the server lists the model.
/// </summary>
public sealed class RemotePolicySampler : IPolicySampler
{
    private readonly ChatCompletionsClient client;
    private readonly string? adapterPath;
    private readonly ResultMemo<SampledText> memo = new();
    private readonly Lazy<Task> ready;

    /// <summary>Creates the sampler for <paramref name="round"/>'s policy.</summary>
    /// <param name="client">The policy's server.</param>
    /// <param name="round">The round whose policy samples (fills <c>{round}</c>).</param>
    /// <param name="adapterPath">The round's PEFT adapter folder to register, or null.</param>
    public RemotePolicySampler(ChatCompletionsClient client, int round, string? adapterPath = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        this.adapterPath = adapterPath;
        ModelId = ModelNames.ForRound(client.Model, round);
        ready = new Lazy<Task>(() => PrepareAsync(CancellationToken.None));
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <summary>Registers the adapter and waits for the model to be listed, when that is needed (once).</summary>
    public Task PrepareAsync() => ready.Value;

    /// <inheritdoc />
    public async Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await ready.Value.WaitAsync(cancellationToken);
        return await memo.RunAsync(batch, r => ChatRequests.Key(r.Seed, r.Image.Sha256, r.Instruction, settings), async (r, ct) =>
        {
            var body = ChatRequests.Body(ModelId, r.Instruction, r.Image).WithSampling(settings, r.Seed);
            var completion = await client.CompleteAsync(body, ct);
            var text = ChatRequests.Text(client, completion, ModelId);
            return new SampledText(text.Trim(), completion.Usage?.CompletionTokens ?? 0);
        }, cancellationToken);
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Clamp(client.Options.WaitTimeout / 100, 0.05, 1));
        if (adapterPath is not null)
        {
            var listed = await client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            if (!listed.Contains(ModelId, StringComparer.Ordinal)) await client.LoadLoraAdapterAsync(ModelId, adapterPath, cancellationToken).ConfigureAwait(false);
            await client.WaitUntilListedAsync(ModelId, poll, cancellationToken).ConfigureAwait(false);
        }
        else if (ModelNames.IsPerRound(client.Model))
        {
            await client.WaitUntilListedAsync(ModelId, poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
