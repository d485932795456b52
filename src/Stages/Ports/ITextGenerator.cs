namespace RlaifV.Stages.Ports;

/// <summary>A text-only LLM, used for claim extraction and claim-to-question rewriting.</summary>
public interface ITextGenerator
{
    /// <summary>Id of the model.</summary>
    string ModelId { get; }

    /// <summary>Generates one completion per request, in request order.</summary>
    Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken);
}
