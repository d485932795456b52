namespace RlaifV.Stages.Ports;

/// <summary>The labeler MLLM: answers polar questions about images with one forward pass each.</summary>
public interface IYesNoLabeler
{
    /// <summary>Id of the labeler model (recorded on every verdict).</summary>
    string ModelId { get; }

    /// <summary>Probes every question in one batched call, in request order.</summary>
    Task<IReadOnlyList<YesNoProbabilities>> ProbeAsync(IReadOnlyList<YesNoRequest> batch, CancellationToken cancellationToken);

    /// <summary>The model's context window in tokens, or null when the backend cannot tell.</summary>
    int? ContextTokens => null;

    /// <summary>The tokens <paramref name="request"/>'s prompt takes (template and image tokens included), or null when unknown.</summary>
    int? PromptTokens(YesNoRequest request) => null;
}
