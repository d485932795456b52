namespace RlaifV.Remote;

/// <summary>What a backend serves (the <c>role</c> label of the backend metrics).</summary>
public enum BackendRole
{
    /// <summary>The policy sampler (<c>policy</c>).</summary>
    Policy,

    /// <summary>The yes/no labeler (<c>labeler</c>).</summary>
    Labeler,

    /// <summary>The text LLM of the claim extractor and question rewriter (<c>llm</c>).</summary>
    Llm,
}
