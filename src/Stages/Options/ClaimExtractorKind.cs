namespace RlaifV.Stages.Options;

/// <summary>Which claim extractor divides responses into claims (<c>claims.extractor</c>).</summary>
public enum ClaimExtractorKind
{
    /// <summary><c>rules</c>: simple declarative text, no model.</summary>
    Rules,

    /// <summary><c>llm</c>: prompts to the configured text model (<c>models.llm</c>).</summary>
    Llm,

    /// <summary><c>whole</c>: the whole response as one claim (whole-response feedback, an ablation).</summary>
    Whole,
}
