namespace RlaifV.Stages.Ports;

/// <summary>A text-only LLM, used for claim extraction and claim-to-question rewriting.</summary>
public interface ITextGenerator
{
    /// <summary>Id of the model.</summary>
    string ModelId { get; }

    /// <summary>Generates one completion per request, in request order.</summary>
    Task<IReadOnlyList<string>> GenerateAsync(IReadOnlyList<TextGenerationRequest> batch, GenerationSettings settings, CancellationToken cancellationToken);

    /// <summary>The model's context window in tokens, or null when the backend cannot tell.</summary>
    int? ContextTokens => null;

    /// <summary>The tokens <paramref name="prompt"/> takes with the chat template, or null when unknown.</summary>
    int? PromptTokens(string prompt) => null;
}
