namespace RlaifV.Stages.Ports;

/// <summary>The current policy: samples responses to (image, instruction) rows in one batched call.</summary>
public interface IPolicySampler
{
    /// <summary>Id of the policy checkpoint (recorded on every candidate).</summary>
    string ModelId { get; }

    /// <summary>Samples one response per request, in request order.</summary>
    Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken);

    /// <summary>The model's context window in tokens, or null when the backend cannot tell (then only character limits apply).</summary>
    int? ContextTokens => null;

    /// <summary>The tokens <paramref name="request"/>'s prompt takes (template and image tokens included), or null when unknown.</summary>
    int? PromptTokens(SamplingRequest request) => null;
}
