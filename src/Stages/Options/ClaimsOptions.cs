namespace RlaifV.Stages.Options;

/// <summary>Claim extraction (method step 3).</summary>
public sealed record ClaimsOptions
{
    /// <summary>rules (simple declarative text, no model), llm (the configured text model) or whole (an ablation).</summary>
    public ClaimExtractorKind Extractor { get; init; } = ClaimExtractorKind.Rules;

    /// <summary>Prompt template for the LLM extractor; <c>{question}</c> and <c>{response}</c> are replaced.</summary>
    public string Template { get; init; } =
        "Split the answer below into a list of atomic facts about the image. Each fact must be short, "
        + "self-contained and checkable by looking at the image; leave out opinions and anything not about the image. "
        + "Write one fact per line, each starting with \"- \".\n\nQuestion: {question}\nAnswer: {response}\n\nFacts:";

    /// <summary>Words of the response given to the extractor (reference: 300).</summary>
    public int MaxWords { get; init; } = 300;

    /// <summary>Extractor temperature (reference: 0.2).</summary>
    public double Temperature { get; init; } = 0.2;

    /// <summary>Extractor top-p (reference: 0.9).</summary>
    public double TopP { get; init; } = 0.9;

    /// <summary>Extractor token budget (reference: 256).</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Batching, in candidates.</summary>
    public BatchingOptions Batch { get; init; } = new() { Size = 32, Capacity = 128 };
}
