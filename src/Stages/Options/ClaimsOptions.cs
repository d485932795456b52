namespace RlaifV.Stages.Options;

/// <summary>Claim extraction (method step 3).</summary>
public sealed record ClaimsOptions
{
    /// <summary>rules (simple declarative text, no model), llm (the configured text model) or whole (an ablation).</summary>
    public ClaimExtractorKind Extractor { get; init; } = ClaimExtractorKind.Rules;

    /// <summary>
    /// Prompt template for the LLM extractor: <c>{question}</c> and <c>{response}</c> are replaced and the whole prompt is cut
    /// to <see cref="MaxWords"/> words. The default is ours and follows the reference's structure (task, the list format
    /// under a "### Facts:" header, then the question-answer pair); set the reference's exact wording here to reproduce it.
    /// </summary>
    public string Template { get; init; } =
        "Your task is to list the facts that an answer states about an image. Read the question and its answer below, and "
        + "write every fact the answer states as a short sentence that can be understood on its own. Leave out opinions "
        + "and impressions.\n\nWrite the list in this format:\n### Facts:\n- <a fact>\n- <another fact>\n- ...\n\n"
        + "### Question and answer:\nQuestion: {question}\nAnswer: {response}";

    /// <summary>Words of the extractor's whole prompt (template, question and response) kept (reference: 300).</summary>
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
