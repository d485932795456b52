namespace RlaifV.Stages.Options;

/// <summary>Claim-to-polar-question rewriting (method step 4).</summary>
public sealed record QuestionsOptions
{
    /// <summary>rules (simple declarative claims, no model), llm (the configured text model) or whole (an ablation).</summary>
    public QuestionRewriterKind Rewriter { get; init; } = QuestionRewriterKind.Rules;

    /// <summary>
    /// Prompt template for the LLM rewriter: <c>{claims}</c> is replaced by all claims of one response, one "- claim" line
    /// each, and the answer's list is matched to the claims in order. The default is ours and follows the reference's
    /// structure (task with the negation rule, the list format under a "### Questions:" header, then the statements).
    /// </summary>
    public string Template { get; init; } =
        "Your task is to turn statements into yes/no questions. Rewrite each statement below, in order, as a question that "
        + "asks whether it is true, with the same meaning: keep the tense and add nothing. When a statement contains not, no "
        + "or another negative word, the question keeps it (\"There is no dog.\" becomes \"Is there no dog?\"). Write one "
        + "question for every statement.\n\nWrite the list in this format:\n### Questions:\n- <a question>\n- <another question>\n- ...\n\n"
        + "### Statements:\n{claims}";

    /// <summary>Appended to every question (method: " Please answer yes or no.").</summary>
    public string Suffix { get; init; } = " Please answer yes or no.";

    /// <summary>Rewriter temperature (reference: 0.2).</summary>
    public double Temperature { get; init; } = 0.2;

    /// <summary>Rewriter top-p (reference: 0.9).</summary>
    public double TopP { get; init; } = 0.9;

    /// <summary>Rewriter token budget for one response's list of questions (reference: 256).</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Batching, in candidates.</summary>
    public BatchingOptions Batch { get; init; } = new() { Size = 32, Capacity = 128 };
}
