namespace RlaifV.Stages.Options;

/// <summary>Which rewriter turns claims into polar questions (<c>questions.rewriter</c>).</summary>
public enum QuestionRewriterKind
{
    /// <summary><c>rules</c>: simple declarative claims, no model.</summary>
    Rules,

    /// <summary><c>llm</c>: prompts to the configured text model (<c>models.llm</c>).</summary>
    Llm,

    /// <summary><c>whole</c>: asks whether the whole response is accurate (whole-response feedback, an ablation).</summary>
    Whole,
}
