using System.Collections.Concurrent;
using RlaifV.Stages.Ports;

namespace RlaifV.Models;

/// <summary>
/// One <see cref="IPolicySampler"/> over several copies of the same checkpoint (<c>models.policy.replicas</c>): each call
/// goes to a copy no other call is using, so up to that many calls run side by side (an in-process model serves one call
/// at a time). On a CPU host with <c>threads: 1</c> each copy keeps one core busy. Every copy holds the same weights, so a
/// batch's candidates do not depend on the copy that sampled them (each row has its own seed). The copies stay the
/// caller's to dispose.
/// </summary>
public sealed class ReplicatedPolicySampler : IPolicySampler, IDisposable
{
    private readonly IPolicySampler first;
    private readonly ConcurrentQueue<IPolicySampler> free;
    private readonly SemaphoreSlim available;

    /// <summary>Creates the sampler over <paramref name="replicas"/> (the same model, at least one).</summary>
    public ReplicatedPolicySampler(IReadOnlyList<IPolicySampler> replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        if (replicas.Count == 0) throw new ArgumentException("at least one replica is needed", nameof(replicas));
        if (replicas.Select(r => r.ModelId).Distinct(StringComparer.Ordinal).Count() > 1)
            throw new ArgumentException($"replicas must be one model; got {string.Join(", ", replicas.Select(r => r.ModelId).Distinct(StringComparer.Ordinal))}", nameof(replicas));
        first = replicas[0];
        free = new ConcurrentQueue<IPolicySampler>(replicas);
        available = new SemaphoreSlim(replicas.Count, replicas.Count);
        Count = replicas.Count;
    }

    /// <summary>The number of copies.</summary>
    public int Count { get; }

    /// <inheritdoc />
    public string ModelId => first.ModelId;

    /// <inheritdoc />
    public int? ContextTokens => first.ContextTokens;

    /// <inheritdoc />
    public int? PromptTokens(SamplingRequest request) => first.PromptTokens(request);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
    {
        await available.WaitAsync(cancellationToken);
        if (!free.TryDequeue(out var replica))
        {
            available.Release();
            throw new InvalidOperationException("no free replica although the count said one was free");
        }
        try
        {
            return await replica.SampleAsync(batch, settings, cancellationToken);
        }
        finally
        {
            free.Enqueue(replica);
            available.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => available.Dispose();
}
