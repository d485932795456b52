namespace RlaifV.Stages.Options;

/// <summary>Claim-to-polar-question rewriting (method step 4).</summary>
public sealed record QuestionsOptions
{
    /// <summary>rules (simple declarative claims, no model), llm (the configured text model) or whole (an ablation).</summary>
    public QuestionRewriterKind Rewriter { get; init; } = QuestionRewriterKind.Rules;

    /// <summary>Prompt template for the LLM rewriter; <c>{claim}</c> is replaced.</summary>
    public string Template { get; init; } =
        "Rewrite the statement as a yes/no question that means the same thing. Keep any negation "
        + "(\"There is no dog.\" becomes \"Is there no dog?\"). Reply with the question only.\n\nStatement: {claim}\nQuestion:";

    /// <summary>Appended to every question (method: " Please answer yes or no.").</summary>
    public string Suffix { get; init; } = " Please answer yes or no.";

    /// <summary>Rewriter temperature.</summary>
    public double Temperature { get; init; } = 0.2;

    /// <summary>Rewriter token budget.</summary>
    public int MaxNewTokens { get; init; } = 64;

    /// <summary>Batching, in candidates.</summary>
    public BatchingOptions Batch { get; init; } = new() { Size = 32, Capacity = 128 };
}
