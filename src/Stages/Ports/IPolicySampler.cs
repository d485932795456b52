namespace RlaifV.Stages.Ports;

/// <summary>The current policy: samples responses to (image, instruction) rows in one batched call.</summary>
public interface IPolicySampler
{
    /// <summary>Id of the policy checkpoint (recorded on every candidate).</summary>
    string ModelId { get; }

    /// <summary>Samples one response per request, in request order.</summary>
    Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken);
}
