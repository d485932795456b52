namespace RlaifV.Runtime.Config;

/// <summary>models: the policy, the labeler and the text LLM (claims and questions when set to llm).</summary>
public sealed record ModelsOptions
{
    /// <summary>The policy being aligned.</summary>
    public ModelOptions Policy { get; init; } = new();

    /// <summary>The labeler MLLM (may be the policy itself for self-alignment).</summary>
    public ModelOptions Labeler { get; init; } = new();

    /// <summary>The text LLM for claim extraction and rewriting (only used when those are llm).</summary>
    public ModelOptions Llm { get; init; } = new();
}
